/**
 * The refuted finding Conditions that cite a report or its study (H87). Rules page §4 counts
 * only non-refuted Conditions as listing a reported finding, so `emd-reported-not-listed` still
 * fires; but "no Condition on the record lists it" is then not what the record shows: a
 * clinician recorded the finding from this report and refuted it. The card says so, and the
 * trace names them. Entered-in-error Conditions are void and are not named.
 */
import { citedReferencesOf } from './cited-sources.js';
import { codeRead } from './code-spelling.js';
import { certaintyOf } from './condition-status.js';
import { FINDING_ROLE_SET } from './value-set-roles.js';
import type { PatientFacts } from './patient-facts.js';
import { canonicalReference } from './patient-record.js';
import type { FindingReport } from './rule-outcome.js';
import type { RuleSettings } from './types.js';
import { inAnyRole } from './value-set-roles.js';

const REFUTED = new Set(['refuted']);

/** The references of refuted finding Conditions citing any of `reports` or their studies. */
export function refutedCiting(
  reports: readonly FindingReport[],
  facts: PatientFacts,
  settings: RuleSettings,
): string[] {
  const { record } = facts;
  const cited = new Set<string>();
  for (const { reference } of reports) {
    cited.add(reference);
    const report = record.resolve(reference)?.resource as fhir4.DiagnosticReport | undefined;
    for (const study of report?.imagingStudy ?? [])
      if (study.reference !== undefined) cited.add(canonicalReference(record, study.reference));
  }
  const found: string[] = [];
  for (const entry of record.conditions) {
    const condition = entry.resource;
    if (!isRefuted(condition, settings)) continue;
    if (!inAnyRole(settings.terminology.rolesOf(condition.code?.coding), FINDING_ROLE_SET))
      continue;
    if (citedReferencesOf(condition, record).some((reference) => cited.has(reference)))
      found.push(entry.reference);
  }
  return found;
}

/** Excluded (§2) with the verification code refuted, not entered in error. */
function isRefuted(condition: fhir4.Condition, settings: RuleSettings): boolean {
  if (certaintyOf(condition, settings.statusWords) !== 'excluded') return false;
  return (condition.verificationStatus?.coding ?? []).some(
    // As ./condition-status.ts read it: `refuted\u200B` is refuted (H97).
    (coding) =>
      typeof coding.code === 'string' && REFUTED.has(codeRead(coding.code).trim().toLowerCase()),
  );
}
