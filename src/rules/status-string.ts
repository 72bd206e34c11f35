/**
 * A Condition status written as a bare string, FHIR STU3's form (`"clinicalStatus": "resolved"`),
 * inside an R4 record (H113). STU3 made both statuses a `code`; R4 made them CodeableConcepts,
 * and exports migrated from STU3 still write the string. Its code sets are R4's (the same
 * codes), so a string that spells one of them means that code and nothing else.
 *
 * Spelled as H104 reads a study's status and H97 a code: case, width (NFKC), format characters,
 * blanks and the separators `-`, `_` and space do not matter (" Entered_In_Error " =
 * entered-in-error). Nothing looser: no abbreviation, no word of another language, no
 * misspelling. Any other string is status text, for the status words (./status-words.ts).
 */
import { STATUS_CODES, type StatusElement } from './condition-status.js';
import { asStatusCode } from './resource-status.js';

/** Longer than any code with blanks around it: text, not a code (and request data are bounded). */
const LONGEST_SPELLING = 64;

/** The R4 code `written` spells for `element`, or undefined when it spells none. */
export function statusCodeSpelled(element: StatusElement, written: string): string | undefined {
  if (written.length > LONGEST_SPELLING) return undefined;
  const spelled = asStatusCode(written);
  return STATUS_CODES[element].has(spelled) ? spelled : undefined;
}
