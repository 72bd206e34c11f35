/**
 * One finding as a card line: its label, sites in the card's language, class, date and
 * sources, and whether it is uncertain (with the statuses that make it so) or atypical for
 * the patient's phase. One view serves the findings a card lists, the paraskeletal ones a
 * graver card outranks (§6) and the history lines, so all three read alike.
 */
import type { Finding } from '../../rules/finding.js';
import type { LocalNames } from '../../rules/local-names.js';
import type { PatientFacts } from '../../rules/patient-facts.js';
import { isoDate } from '../../rules/time.js';
import { statusView, type StatusView } from './status-view.js';
import type { Wording } from './wording.js';

export interface FindingView {
  label: string;
  sites: string;
  hasSites: boolean;
  classLabel: string;
  date: string | undefined;
  sources: { label: string; date: string | undefined }[];
  /** No site of the finding is typical for EMD in the patient's (known) phase. */
  atypical: boolean;
  /**
   * Some of its sites are typical and some not (skin and liver at diagnosis): `atypicalSites`
   * names those that are not, as rules page §1 says a site atypical for the phase is said so.
   */
  partlyAtypical: boolean;
  atypicalSites: string;
  /**
   * Some of its sites are in no value set of a class (or text only) beside one that gave the
   * class (H85): `unreadSites` names them, and the card says the class rests on the others.
   */
  hasUnreadSites: boolean;
  unreadSites: string;
  uncertain: boolean;
  /** Uncertain because no recording's status could be read (issue #13). */
  statusUnreadable: boolean;
  /** When uncertain, which statuses of its recordings make it so. */
  status: StatusView;
}

/** The atypical flag needs the phase; history lines pass `unknown`, so they are never atypical. */
export function findingView(
  finding: Finding,
  wording: Wording,
  names: LocalNames,
  phase: PatientFacts['phase']['phase'],
): FindingView {
  const canBeAtypical =
    finding.findingClass === 'emd' ||
    finding.findingClass === 'cns' ||
    finding.findingClass === 'leptomeningeal';
  const unnamed = wording.unnamedLabels;
  const siteNames = (sites: Finding['sites']) =>
    sites.map((site) => names.site(site) ?? unnamed.bodySite).join(wording.listSeparator);
  const atypical =
    canBeAtypical &&
    ((phase === 'diagnosis' && !finding.typicalAt.diagnosis) ||
      (phase === 'relapsed' && !finding.typicalAt.relapse));
  const atypicalKeys = !canBeAtypical
    ? []
    : phase === 'diagnosis'
      ? finding.atypicalSiteKeys.diagnosis
      : phase === 'relapsed'
        ? finding.atypicalSiteKeys.relapse
        : [];
  const partlyAtypical = !atypical && atypicalKeys.length > 0;
  return {
    label: names.finding(finding),
    sites: siteNames(finding.sites),
    hasSites: finding.sites.length > 0,
    classLabel: wording.classLabels[finding.findingClass],
    date: isoDate(finding.onset),
    sources: finding.sources.map((s) => ({
      label: s.label ?? unnamed[s.resourceType],
      date: isoDate(s.date),
    })),
    atypical,
    partlyAtypical,
    atypicalSites: partlyAtypical
      ? siteNames(finding.sites.filter((site) => atypicalKeys.includes(site.key)))
      : '',
    hasUnreadSites: finding.unreadSiteKeys.length > 0,
    unreadSites: siteNames(
      finding.sites.filter((site) => finding.unreadSiteKeys.includes(site.key)),
    ),
    uncertain: finding.isUncertain,
    statusUnreadable: finding.isUncertain && finding.statusUnreadable,
    status: statusView(finding.uncertainBecause),
  };
}
