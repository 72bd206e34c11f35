/** What every view needs to name things in the chosen language. */
import type { FindingClass } from '../../src/rules/types.js';
import { DICTIONARIES, formatDate, type Dictionary, type Locale } from './i18n.js';
import type { TimelineFinding } from './timeline-model.js';

export interface Labels {
  locale: Locale;
  t: Dictionary;
  /** The card wording's name of a class (settings.json), or "text only" for uncoded mentions. */
  classLabel(findingClass: FindingClass | undefined): string;
  date(iso: string | undefined): string;
  /** Active / history, and unconfirmed or text only when so. */
  status(finding: TimelineFinding): string;
  sites(finding: TimelineFinding): string;
}

export function labelsFor(
  locale: Locale,
  classLabels: Readonly<Record<string, Readonly<Record<FindingClass, string>>>>,
): Labels {
  const t = DICTIONARIES[locale];
  const names = classLabels[locale] ?? classLabels.en;
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
      ].join(' · '),
    sites: (finding) =>
      finding.sites.length ? finding.sites.map((s) => s.label).join(', ') : t.noSite,
  };
}

/** A class name without its parenthesis ("CNS (parenchymal or dural)" → "CNS"), for lane labels. */
export function shortName(label: string): string {
  const short = label.split(/[（(]/)[0]?.trim();
  return short ? short : label;
}
