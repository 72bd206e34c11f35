/**
 * A finding imaging reports show and the problem list lacks (`emd-reported-not-listed`), in the
 * card's words: for a line of the card's detail and for the label of the suggestion that adds it.
 * Record text stays raw here; each renderer escapes it (Markdown, or plain text for a label).
 */
import type { LocalNames } from '../../rules/local-names.js';
import type { ReportedFinding } from '../../rules/rule-outcome.js';
import { isoDate } from '../../rules/time.js';
import type { Wording } from './wording.js';

export interface ReportedView {
  finding: string;
  sites: string;
  hasSites: boolean;
  /**
   * The reports that show it, each once as the clinician reads it (name and date): the detail
   * lists the finding once, with its reports, as the findings partial lists a finding once with
   * the studies it was seen on (rules page §2 "Duplicates"), so each line of the card is one
   * "add" suggestion. A preliminary and a final report of one study read the same ("PET/CT
   * report (2026-10-12)") and are named once; the Condition and the card's evidence cite both.
   */
  reports: { label: string; date: string | undefined }[];
  /** The first report's name and date, for wording written before `reports`. */
  label: string;
  date: string | undefined;
  /** A refuted Condition cites its report or study, and no other lists it (H87). */
  refutedOnly: boolean;
  /**
   * A Condition not coded as a finding (another cancer's) cites its report or study (H87,
   * another cause): `citingNames` names each by its code's words, else its reference.
   */
  citedNotAsFinding: boolean;
  citingNames: string;
}

/** The names a suggestion label may use (wording `suggestionLabels.addCondition`). */
export const REPORTED_LABEL_NAMES: ReadonlySet<string> = new Set(['finding', 'sites', 'hasSites']);

export function reportedView(
  reported: ReportedFinding,
  wording: Wording,
  names: LocalNames,
): ReportedView {
  const sites = reported.sites.map((site) => names.concept(site) ?? '').filter(Boolean);
  const reports = new Map<string, ReportedView['reports'][number]>();
  for (const report of reported.reports) {
    const label = report.label ?? wording.unnamedLabels.DiagnosticReport;
    const date = isoDate(report.date);
    const key = JSON.stringify([label, date ?? null]);
    if (!reports.has(key)) reports.set(key, { label, date });
  }
  const [first] = reports.values();
  const citing = reported.citedNotAsFinding ?? [];
  return {
    finding: names.concept(reported.code) ?? '',
    sites: sites.join(wording.listSeparator),
    hasSites: sites.length > 0,
    reports: [...reports.values()],
    label: first?.label ?? wording.unnamedLabels.DiagnosticReport,
    date: first?.date,
    refutedOnly: (reported.refutedCiting ?? []).length > 0,
    citedNotAsFinding: citing.length > 0,
    citingNames: citing
      .map(({ reference, code }) => names.concept(code) ?? reference)
      .join(wording.listSeparator),
  };
}
