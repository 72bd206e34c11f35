/**
 * What the service's lenient reading of arriving data (src/fhir/lenient-reading.ts, H102, H103,
 * H111–H113, H119) made of elements the shapes refuse, as the record carries it to the rules and
 * the explain trace: a null or "" read as absent, a date in an everyday spelling read as the FHIR
 * date it spells, a date that cannot be read marked so, an id outside FHIR's pattern kept as
 * written, a null in a code, site, status or reference read as absent, a null item left out of
 * its list, an abatement that cannot be read (or an abatementPeriod with no date) kept as an
 * abatement, an STU3 string status read as its code or as status text. Here, below the fhir/
 * layer, because the rules read the mark and word the line, and rules/ may import nothing
 * above it.
 */
import { cutWithEllipsis } from './text-end.js';
import type { TraceLine } from './trace-line.js';

/**
 * How one element was read: the kinds of H102 (dates and names), H103 (ids), H111 (a null
 * where a code, site, status or reference belongs, or as an item of a list of them), H112 and
 * H119 (an abatement that is no date; an abatementPeriod with no date left), H113 (an STU3
 * string status, read as its code or as text), H134 (a code as a JSON number; a lone object
 * where a list belongs), H142 (a study's or report's status sent as `_status` alone).
 */
export type LenientKind =
  | 'null'
  | 'empty'
  | 'date-spelling'
  | 'unreadable-date'
  | 'id'
  | 'null-element'
  | 'null-item'
  | 'unreadable-abatement'
  | 'empty-abatement-period'
  | 'status-code'
  | 'status-text'
  | 'number-code'
  | 'lone-item'
  | 'status-without-value';

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
   * `status-code`: the string as written and the code it spells (a spelling of a code, at most
   * ../rules/status-string.ts's 64 characters, cut shorter in the trace).
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
    case 'null-element':
    case 'null-item':
      // Worded once for all of each kind, in nullsPart.
      return `${element}${places}`;
    case 'unreadable-abatement':
      return `${element} is not a FHIR date: read as an abatement of unknown date, so the Condition is history (rules page §2; the feed should send a FHIR date, ${EXAMPLE_DATES})`;
    case 'empty-abatement-period':
      return `${element} held no start and no end (null or ""): read as no abatement, as a null one is (H69, H122), so the Condition is read by its clinicalStatus (the feed should leave ${element} out, or send its dates)`;
    case 'status-code':
      return `${element} written as the text ${JSON.stringify(cutWithEllipsis(spelled?.written ?? '', STATUS_SHOWN_AT_MOST))} (FHIR STU3's form): read as the code ${spelled?.read ?? ''}; the feed should send a CodeableConcept`;
    case 'status-text':
      return `${element} written as a string (FHIR STU3's form) that is none of its codes: read as status text (statusWords); the feed should send a CodeableConcept`;
    case 'number-code':
      return `${element} written as a JSON number${places}: read as the code of its digits (the feed should send a code as a string)`;
    case 'lone-item':
      return `${element} written as one object where FHIR JSON writes a list${places}: read as a list of that one item (the feed should send an array)`;
    case 'status-without-value':
      return `${element} sent with no value, only an extension in _${element} (FHIR JSON's form for a value that is absent, as a data-absent-reason): read as "unknown", the code FHIR gives a status the sender does not know: neither available imaging nor withdrawn (the feed should send the status when it has it)`;
  }
}

/** A status spelled with blanks around it is still short; cut all the same, never mid-pair. */
const STATUS_SHOWN_AT_MOST = 24;

/** The words of H111's part for each kind: what the nulls were, and how they were read. */
const NULLS_READ = {
  'null-element': 'null elements read as absent',
  'null-item': 'null items left out of their lists',
} as const;

/** H111: every null of one kind in one part, the elements (or lists) named, each counted. */
function nullsPart(
  readings: readonly LenientReading[],
  kind: keyof typeof NULLS_READ,
): string | undefined {
  const named = readings.filter((r) => r.kind === kind).map(partOf);
  return named.length === 0
    ? undefined
    : `${NULLS_READ[kind]}: ${named.join(', ')}; the feed should leave them out`;
}

/** The hazard whose reading each is, for the line's heading. */
function hazardOf({ element, kind }: LenientReading): string {
  switch (kind) {
    case 'id':
      return 'H103';
    case 'null-element':
    case 'null-item':
      return 'H111';
    case 'empty-abatement-period':
      return 'H119';
    case 'unreadable-abatement':
      return element === 'abatementDateTime' ? 'H112' : 'H119';
    case 'status-code':
    case 'status-text':
      return 'H113';
    case 'number-code':
    case 'lone-item':
      return 'H134';
    case 'status-without-value':
      return 'H142';
    case 'null':
    case 'empty':
    case 'date-spelling':
    case 'unreadable-date':
      return dateHazardOf(element);
  }
}

/**
 * Whose reading a date element's is: abatementDateTime's H112's, an abatementPeriod's start or
 * end H119's, the whole abatementPeriod written as null H69's (it holds no abatement), any other
 * date H102's.
 */
function dateHazardOf(element: string): string {
  if (element === 'abatementDateTime') return 'H112';
  if (element === 'abatementPeriod') return 'H69';
  return element.startsWith('abatementPeriod.') ? 'H119' : 'H102';
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
  const hazards = [...new Set(readings.map(hazardOf))].sort(
    (a, b) => Number(a.slice(1)) - Number(b.slice(1)),
  );
  const parts = readings.filter((r) => !(r.kind in NULLS_READ)).map(partOf);
  const nulls = [nullsPart(readings, 'null-element'), nullsPart(readings, 'null-item')].filter(
    (part) => part !== undefined,
  );
  return {
    reference,
    message: `read leniently (${hazards.join(', ')}): ${[...parts, ...nulls].join('; ')}`,
  };
}
