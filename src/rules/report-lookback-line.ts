/**
 * The explain trace line for a report `emd-reported-not-listed` passes over as older than the
 * lookback (rules page §2, §4: an imaging report within the lookback, dated by `effective[x]`),
 * though it concludes a finding and was issued within the lookback: a PET/CT read or amended
 * months after the scan; or that has no date the rules read. Not read, by the page's letter,
 * but not in silence. Also the words the rule's trace lines name a report's conclusion by. The
 * trace only: no card changes.
 */
import { FINDING_CODE_ROLES } from './value-set-roles.js';
import type { RecordEntry } from './patient-record.js';
import type { Terminology } from './terminology.js';
import { daysBefore, instantRange, mayBeWithinLookback } from './time.js';

/**
 * "DiagnosticReport/… not read: it concludes …, but its effectiveDateTime … is older than
 * the 180-day lookback …, though it was issued …"; undefined unless the report was issued
 * within the lookback and concludes with a code in a finding value set. `date` is the report's
 * date (time.ts `reportDate`), which was found outside the lookback; with no date at all, the
 * line says the report is undated (`undatedLine`).
 */
export function olderThanLookbackLine(
  entry: RecordEntry<fhir4.DiagnosticReport>,
  date: string | undefined,
  now: Date,
  lookbackDays: number,
  terminology: Terminology,
): string | undefined {
  const report = entry.resource;
  if (date === undefined) return undatedLine(entry, terminology);
  const { issued } = report;
  // Cheapest tests first: most old reports were issued long ago too.
  if (issued === undefined || issued === date) return undefined;
  if (!mayBeWithinLookback(issued, now, lookbackDays)) return undefined;
  const codes = findingCodes(report, terminology);
  if (codes.length === 0) return undefined;
  const element =
    report.effectiveDateTime !== undefined ? 'effectiveDateTime' : 'effectivePeriod.start';
  return `${entry.reference} not read: it concludes ${conclusionWords(codes, terminology)}, but its ${element} ${date} ${whyOutside(date, now, lookbackDays)} (rules page §2, §4: a report is dated by effective[x]), though it was issued ${issued}; if its finding is not on the problem list, the clinician may want to record it`;
}

/**
 * A report that concludes a finding but has no date the rules read (no effectiveDateTime, no
 * effectivePeriod.start, no issued, or one that could not be read): not known to be within the
 * lookback, so not read, but not in silence (rules page §6; probe round 6). The trace only.
 */
function undatedLine(
  entry: RecordEntry<fhir4.DiagnosticReport>,
  terminology: Terminology,
): string | undefined {
  const codes = findingCodes(entry.resource, terminology);
  if (codes.length === 0) return undefined;
  return `${entry.reference} not read: it concludes ${conclusionWords(codes, terminology)}, but it has no date the rules read (effectiveDateTime or effectivePeriod.start, else issued: rules page §2, §4), so it is not known to be within the lookback; the feed should date it; if its finding is not on the problem list, the clinician may want to record it`;
}

const findingCodes = (report: fhir4.DiagnosticReport, terminology: Terminology) =>
  (report.conclusionCode ?? []).filter((concept) =>
    FINDING_CODE_ROLES.some((role) => terminology.match(role, concept.coding)),
  );

function whyOutside(date: string, now: Date, lookbackDays: number): string {
  const range = instantRange(date);
  if (range === undefined) return 'cannot be read as a date, so it is not within the lookback';
  return range.first > now.getTime()
    ? 'is later than now, so it is not within the lookback'
    : `is older than the ${String(lookbackDays)}-day lookback, which starts ${daysBefore(now, lookbackDays).toISOString().slice(0, 10)}`;
}

/**
 * A report's finding codes as a trace line names them: the coding that makes each a finding
 * code, `code (display)`, joined by " / ", then ` at ` its sites the same way.
 */
export function conclusionWords(
  codes: readonly fhir4.CodeableConcept[],
  terminology: Terminology,
  sites: readonly fhir4.CodeableConcept[] = [],
): string {
  const named = codes.map((concept) => {
    const coding =
      FINDING_CODE_ROLES.map((role) => terminology.match(role, concept.coding)).find(
        (match) => match !== undefined,
      ) ?? concept.coding?.[0];
    return codingWords(coding);
  });
  const at = sites.map((site) => codingWords(site.coding?.[0]));
  return `${named.join(' / ')}${at.length === 0 ? '' : ` at ${at.join(', ')}`}`;
}

function codingWords(coding: fhir4.Coding | undefined): string {
  const code = coding?.code?.trim() ?? '';
  const display = coding?.display?.trim();
  if (code === '') return display ?? 'a concept without a code';
  return display && display !== code ? `${code} (${display})` : code;
}
