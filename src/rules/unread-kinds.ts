/**
 * A Condition whose codes the rules could not read, as data: the kinds the explain trace names
 * (H74: coded only in systems no loaded value set uses; H76: an ICD-10-CM category above
 * value-set codes; H109: a national or local extension of a value-set code). Only their kinds
 * and shape, so that ./header-codes.ts, ./extension-codes.ts and ./unread-codes.ts, which make
 * them, and ./unread-conditions.ts, which gathers them for a patient, need not import each
 * other.
 */
import type { RecordEntry } from './patient-record.js';

export const UNREAD_KINDS = ['unknownSystem', 'icd10cmCategory', 'codeExtension'] as const;
export type UnreadKind = (typeof UNREAD_KINDS)[number];

/** A code as a site would add it to a value set: system and code, trimmed. */
export interface UnreadCode {
  /** Absent when the coding names no system. */
  system: string | undefined;
  code: string;
}

export interface UnreadCondition {
  entry: RecordEntry<fhir4.Condition>;
  kind: UnreadKind;
  codes: readonly UnreadCode[];
}
