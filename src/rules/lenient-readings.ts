/**
 * What the service's lenient reading of arriving data (src/fhir/lenient-reading.ts, H102, H103)
 * made of elements that only date or name a resource, as the record carries it to the rules
 * and the explain trace: a null or "" read as absent, a date in an everyday spelling read as
 * the FHIR date it spells, a date that cannot be read marked so, an id outside FHIR's pattern
 * kept as written. Here, below the fhir/ layer, because the rules read the mark and word the
 * line, and the browser apps import only rules/.
 */
import type { TraceLine } from './trace-line.js';

/** How one element was read: the kinds of H102 (dates and names) and H103 (ids). */
export type LenientKind = 'null' | 'empty' | 'date-spelling' | 'unreadable-date' | 'id';

export interface LenientReading {
  /**
   * The element as a FHIRPath without list indices (`code.coding.display`): the names of the
   * service's shapes, never a key or value taken from the data.
   */
  element: string;
  kind: LenientKind;
  /** How many places in the resource held it (a display in several codings). */
  count: number;
  /**
   * `date-spelling`: what the element held, the FHIR date read, and what differs. Short by
   * construction (a spelling is read only up to a dateTime's length), so the trace may echo it.
   */
  spelled?: { written: string; read: string; how: string };
}

/**
 * Where a date was that could not be read, as FHIR marks something about a primitive element:
 * `_onsetDateTime` (FHIR R4 JSON §"primitive elements"), holding this extension. The rules read
 * it where an absent date would let another stand in (H53: recordedDate for an onset; issued
 * for a report's effective[x]), so an unreadable date is undatable, never replaced.
 */
export const UNREADABLE_DATE_URL = 'https://fhir.emd-cds.org/StructureDefinition/unreadable-date';

/** The mark put in place of a date that could not be read (a fresh object: data are copied). */
export function unreadableDateMark(): fhir4.Element {
  return { extension: [{ url: UNREADABLE_DATE_URL, valueBoolean: true }] };
}

/** Whether a primitive element's `_x` companion carries the unreadable-date mark. */
export function isUnreadableMark(companion: unknown): boolean {
  if (typeof companion !== 'object' || companion === null) return false;
  const { extension } = companion as { extension?: unknown };
  return (
    Array.isArray(extension) &&
    extension.some(
      (item: unknown) =>
        typeof item === 'object' &&
        item !== null &&
        (item as { url?: unknown }).url === UNREADABLE_DATE_URL,
    )
  );
}

const EXAMPLE_DATES = 'such as 2026-10-20 or 2026-10-20T08:00:00+08:00';

function partOf({ element, kind, count, spelled }: LenientReading): string {
  const places = count > 1 ? ` (${String(count)} places)` : '';
  switch (kind) {
    case 'null':
      return `${element} held null${places}: read as absent (the feed should leave it out)`;
    case 'empty':
      return `${element} held ""${places}: read as absent (the feed should leave it out)`;
    case 'date-spelling':
      return spelled
        ? `${element} "${spelled.written}" read as ${spelled.read} (${spelled.how}): the feed should send ${spelled.read}`
        : `${element} read as the FHIR date it spells`;
    case 'unreadable-date':
      return `${element} is not a FHIR date${places}: read as undatable (the feed should send a FHIR date, ${EXAMPLE_DATES})`;
    case 'id':
      return 'its id has characters a FHIR id does not allow ("_" or "~"): kept as written, so references must name it exactly (the feed should send ids of letters, digits, "-" and ".")';
  }
}

/**
 * The explain trace line of one resource read leniently: each element, what it held, how it
 * was read and what the feed should send. Bounded: one part per element and kind, whatever the
 * number of places, and no text of the record but a date spelling's few characters.
 */
export function lenientReadingLine(
  reference: string,
  readings: readonly LenientReading[],
): TraceLine {
  const hazards = readings.some((r) => r.kind === 'id')
    ? readings.some((r) => r.kind !== 'id')
      ? 'H102, H103'
      : 'H103'
    : 'H102';
  return {
    reference,
    message: `read leniently (${hazards}): ${readings.map(partOf).join('; ')}`,
  };
}
