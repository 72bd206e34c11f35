/**
 * Conditions whose codes the rules could not read, as data rather than trace text: those the
 * explain trace names for H74 (./unread-codes.ts: coded only in systems no loaded value set
 * uses), H76 (./header-codes.ts: an ICD-10-CM category above value-set codes) and H109
 * (./extension-codes.ts: a national or local extension of a value-set code). A backtest
 * counts them over a population (src/backtest/), so an informatics team sees how many
 * patients' diagnoses were read as nothing before go-live, not one dry run at a time.
 */
import type { PatientFacts } from './patient-facts.js';
import type { RuleSettings } from './types.js';
import { codedInUnknownSystems } from './unread-codes.js';
import type { UnreadCondition } from './unread-kinds.js';

/**
 * The Conditions the explain trace names as not read: ICD-10-CM categories and extensions of
 * value-set codes for any patient (collected with the findings, which run on every call), and Conditions coded only in
 * unknown systems when no myeloma was read, where they are why there is no card at all
 * (rules page §3.1). For a patient with myeloma those are mostly other diseases (a
 * hypertension in WHO ICD-10) and are not looked for, as evaluate() does not.
 */
export function unreadConditions(
  facts: PatientFacts,
  settings: RuleSettings,
): readonly UnreadCondition[] {
  const { categoryCoded, extensionCoded } = facts.findings;
  const known: readonly UnreadCondition[] =
    extensionCoded.length === 0 ? categoryCoded : [...categoryCoded, ...extensionCoded];
  if (facts.myeloma.isMyelomaPatient) return known;
  const unknown = codedInUnknownSystems(facts.record, settings);
  return unknown.length === 0 ? known : [...known, ...unknown];
}
