/** What every view needs to name things in the chosen language. */
import { localNames } from '../../src/rules/local-names.js';
import type { FindingClass } from '../../src/rules/types.js';
import { DICTIONARIES, formatDate, type Dictionary, type Locale } from './i18n.js';
import type {
  TimelineFinding,
  TimelineSite,
  TimelineSource,
  TimelineStudy,
} from './timeline-model.js';
import { studyLookOf } from './study-status.js';
import type { TimelineSettings } from './timeline-settings.js';

export interface Labels {
  locale: Locale;
  t: Dictionary;
  /** The card wording's name of a class (settings.json), or "text only" for uncoded mentions. */
  classLabel(findingClass: FindingClass | undefined): string;
  date(iso: string | undefined): string;
  /** Active / history, and unconfirmed or text only when so. */
  status(finding: TimelineFinding): string;
  /**
   * A site as a card in this language names it (src/rules/local-names.ts): the clinician's own
   * text as written, else the value sets' name for its code in this language, else the
   * record's words.
   */
  site(site: TimelineSite): string;
  sites(finding: TimelineFinding): string;
  /**
   * What joins the names of a list: the served card wording's (settings.json `listSeparators`),
   * so that the timeline follows a configured separator as the cards do; the dictionary's only
   * before the settings load or for a locale the wording lacks.
   */
  listComma: string;
  /** The record's name for a study or report a finding cites, else the wording's, as cards say. */
  source(source: TimelineSource): string;
  study(study: TimelineStudy): string;
  /**
   * What a study not drawn as done is, in words: entered in error, cancelled, registered or
   * status unknown (H50, ./study-status.ts); undefined for an available one.
   */
  studyStatus(study: TimelineStudy): string | undefined;
}

/** Before the settings are loaded there are no class names and no site names but the record's. */
export function labelsFor(locale: Locale, settings: TimelineSettings | undefined): Labels {
  const t = DICTIONARIES[locale];
  const names = settings?.classLabels[locale] ?? settings?.classLabels.en;
  const local = settings && localNames(settings.conceptLabels, settings.rules.terminology, locale);
  // The card wording's words for what the record names in no way, as for class names. None only
  // before the settings load (no record is shown then) or without wording in this locale or en.
  const unnamed = settings?.unnamedLabels[locale] ?? settings?.unnamedLabels.en;
  const site = (s: TimelineSite) => local?.site(s) ?? s.label ?? unnamed?.bodySite ?? '';
  const separator = settings?.listSeparators[locale] ?? t.listComma;
  return {
    locale,
    t,
    classLabel: (findingClass) =>
      findingClass === undefined ? t.textOnlyClass : (names?.[findingClass] ?? findingClass),
    date: (iso) => formatDate(iso, locale) ?? t.noDate,
    status: (finding) =>
      [
        finding.status === 'history' ? t.statuses.history : t.statuses.active,
        ...(finding.isUncertain ? [t.statuses.uncertain] : []),
        ...(finding.isTextOnly ? [t.statuses.textOnly] : []),
      ].join(t.statusSeparator),
    site,
    sites: (finding) => (finding.sites.length ? finding.sites.map(site).join(separator) : t.noSite),
    listComma: separator,
    source: (source) => source.label ?? unnamed?.[source.resourceType] ?? '',
    study: (study) => study.label ?? unnamed?.ImagingStudy ?? '',
    studyStatus: (study) => {
      const look = studyLookOf(study);
      return look === 'available' ? undefined : t.studyStatus[look];
    },
  };
}

/** A class name without its parenthesis ("CNS (parenchymal or dural)" → "CNS"), for lane labels. */
export function shortName(label: string): string {
  const short = label.split(/[（(]/)[0]?.trim();
  return short ? short : label;
}
