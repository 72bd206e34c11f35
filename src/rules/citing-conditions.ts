/**
 * The Conditions that cite a reported finding's report or its study without listing it (rules
 * page §4 `emd-reported-not-listed`: only a non-refuted finding Condition lists it), so that
 * the card does not say "no Condition on the record lists it" where the record shows one citing
 * it. Two kinds: a refuted finding Condition (H87: a clinician recorded the finding from this
 * report and refuted it), and a Condition that is no finding at all (H87, another cause: a brain
 * metastasis of another cancer citing the MR whose report concludes a plasmacytoma). The card
 * still fires, as §4 says; it says which, and the trace names them. Excluded Conditions other
 * than refuted findings (entered in error, which are void; a refuted other diagnosis) are not
 * named.
 */
import { citedReferencesOf, studyReferencesOf } from './cited-sources.js';
import { codeRead } from './code-spelling.js';
import { certaintyOf } from './condition-status.js';
import { FINDING_ROLE_SET } from './value-set-roles.js';
import type { PatientFacts } from './patient-facts.js';
import type { RecordEntry } from './patient-record.js';
import type { CitingCondition, FindingReport } from './rule-outcome.js';
import type { RuleSettings } from './types.js';
import { inAnyRole } from './value-set-roles.js';

const REFUTED = new Set(['refuted']);

/** The Conditions citing any of `reports` or their studies that do not list the finding. */
export interface CitingNotListing {
  /** Refuted finding Conditions (H87). */
  refuted: string[];
  /** Non-excluded Conditions not coded as a finding (no plasmacytoma or involvement code). */
  notFindings: CitingCondition[];
}

export function citingNotListing(
  reports: readonly FindingReport[],
  facts: PatientFacts,
  settings: RuleSettings,
): CitingNotListing {
  const { record } = facts;
  const cited = new Set<string>();
  for (const { reference } of reports) {
    cited.add(reference);
    const report = record.resolve(reference) as RecordEntry<fhir4.DiagnosticReport> | undefined;
    if (report !== undefined)
      for (const study of studyReferencesOf(report, record)) cited.add(study);
  }
  const found: CitingNotListing = { refuted: [], notFindings: [] };
  for (const entry of record.conditions) {
    const condition = entry.resource;
    if (!citedReferencesOf(entry, record).some((reference) => cited.has(reference))) continue;
    const isFinding = inAnyRole(
      settings.terminology.rolesOf(condition.code?.coding),
      FINDING_ROLE_SET,
    );
    const excluded = certaintyOf(condition, settings.statusWords) === 'excluded';
    if (isFinding && excluded && isRefuted(condition)) found.refuted.push(entry.reference);
    // A finding not excluded lists it (./reported-listing.ts): the card did not fire for it.
    else if (!isFinding && !excluded)
      found.notFindings.push({ reference: entry.reference, code: condition.code });
  }
  return found;
}

/** An excluded Condition with the verification code refuted, not entered in error. */
function isRefuted(condition: fhir4.Condition): boolean {
  return (condition.verificationStatus?.coding ?? []).some(
    // As ./condition-status.ts read it: `refuted\u200B` is refuted (H97).
    (coding) =>
      typeof coding.code === 'string' && REFUTED.has(codeRead(coding.code).trim().toLowerCase()),
  );
}
