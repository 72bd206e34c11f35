/**
 * A Condition coded with an ICD-10-CM category rather than a full code: C90.0 "Multiple
 * myeloma" where the value sets hold C90.00, C90.01 and C90.02, or C90.2 where they hold
 * C90.20–C90.22. Rules page §2: a code matches by system + code, so the category is not read,
 * and a patient whose only myeloma code is C90.0 gets no cards at all (§3.1), a plasmacytoma
 * coded C90.2 no finding. Registries and older interfaces export categories; ICD-10-CM asks for
 * the full code, and a category may hold codes no value set lists, so the service does not
 * guess which one was meant. The explain trace names the Condition and the codes under its
 * category, so an informatics team dry-running a patient sees why, and what to add
 * (docs/configuring.md, example h). The trace only: no card, no level, changes.
 */
import { visibly } from './code-spelling.js';
import { certaintyOf } from './condition-status.js';
import type { RecordEntry } from './patient-record.js';
import { ICD_10_CM, icd10CmSpelling } from './terminology.js';
import type { RuleSettings, TraceLine } from './types.js';
import type { UnreadCondition } from './unread-kinds.js';

/** Codes named in the line; a category above more is counted. */
const CODES_NAMED_AT_MOST = 6;

/** A Condition coded with a category: its code as ICD-10-CM writes it, and the codes under it. */
export interface CategoryCoded extends UnreadCondition {
  kind: 'icd10cmCategory';
  /** The value-set codes the category heads (C90.0 → C90.00, C90.01, C90.02). */
  under: readonly string[];
  /** The category as the record wrote it, for the trace. */
  written: string;
}

/**
 * The Condition as category-coded, if it is in no value set (the caller knows), one of its
 * ICD-10-CM codes is a category above value-set codes, and it is not refuted or entered in
 * error.
 */
export function categoryCoded(
  entry: RecordEntry<fhir4.Condition>,
  settings: RuleSettings,
): CategoryCoded | undefined {
  for (const coding of entry.resource.code?.coding ?? []) {
    const under = settings.terminology.icdCodesUnder(coding);
    if (under.length === 0) continue;
    if (certaintyOf(entry.resource, settings.statusWords) === 'excluded') return undefined;
    const written = coding.code?.trim() ?? '';
    return {
      entry,
      kind: 'icd10cmCategory',
      codes: [{ system: ICD_10_CM, code: icd10CmSpelling(written) }],
      under,
      written,
    };
  }
  return undefined;
}

/** The trace line naming a category-coded Condition and the codes under its category. */
export function headerCodeLine({ entry, under, written }: CategoryCoded): TraceLine {
  const named = under.slice(0, CODES_NAMED_AT_MOST).join(', ');
  const more = under.length - CODES_NAMED_AT_MOST;
  return {
    reference: entry.reference,
    message: `ICD-10-CM ${visibly(written)} is a category, in no loaded value set, above value-set codes ${named}${more > 0 ? ` and ${String(more)} more` : ''}: its code was not read, so it is neither myeloma nor a finding; if your records carry this category, add it to the value set of the codes it stands for (docs/configuring.md, example h)`,
  };
}
