/**
 * FHIR R4's core originalText extension (http://hl7.org/fhir/StructureDefinition/originalText):
 * "a human language representation of the concept as seen/selected/uttered by the user who
 * entered the data". Some exporters put a diagnosis's words there, on `Condition.code`, and
 * leave `code.text` out (probe 14 f1b). It says what `code.text` says, so the text-only patterns
 * read it where `code.text` is absent (H143): a plasmacytoma written so is a text-only mention
 * (rules page §2: `emd-unclassified`, info, never more), not a Condition no rule reads. Only its
 * `valueString` is read: its `valueUrl` form points into the narrative, which is not read.
 */

export const ORIGINAL_TEXT_URL = 'http://hl7.org/fhir/StructureDefinition/originalText';

/** The words of an element's originalText extension, if it has one with words; else undefined. */
export function originalTextOf(element: fhir4.Element | undefined): string | undefined {
  // Read with care: the shapes do not check an element's extensions.
  const extensions: unknown = element?.extension;
  if (!Array.isArray(extensions)) return undefined;
  for (const extension of extensions as unknown[]) {
    if (typeof extension !== 'object' || extension === null) continue;
    const { url, valueString } = extension as { url?: unknown; valueString?: unknown };
    if (url === ORIGINAL_TEXT_URL && typeof valueString === 'string' && valueString.trim() !== '')
      return valueString;
  }
  return undefined;
}
