/**
 * The explain trace line for a report `emd-reported-not-listed` (rules page §4) does not read
 * because it is not an imaging report (issue #13, H26): its category is not in the
 * imaging-report value set and it names no ImagingStudy, yet it concludes with a finding code.
 * A PET report categorised v2-0074 `NMS` (nuclear medicine scan) or `CT` is one: correctly not
 * read by the definition, but a bare "no recent imaging report concludes with a finding" hid
 * that it exists. The line names the report, its category codes and the role a site adds a
 * code to. The trace only: no card, no level, changes.
 */
import { FINDING_CODE_ROLES } from './value-set-roles.js';
import type { RecordEntry } from './patient-record.js';
import type { Terminology } from './terminology.js';
import { firstNamed } from './named-list.js';

/** Named one by one up to this many; a report listing more is counted. */
const NAMED_AT_MOST = 5;

/**
 * "DiagnosticReport/… ignored: it concludes with …, but its category … is not in …". `codes`
 * are its conclusion codes in a finding value set (at least one).
 */
export function notImagingReportLine(
  entry: RecordEntry<fhir4.DiagnosticReport>,
  codes: readonly fhir4.CodeableConcept[],
  terminology: Terminology,
): string {
  const concluded = namedWords(
    codes.map((concept) => {
      // The coding that made it a finding code: a report coding C90.20 beside a local code.
      const coding = FINDING_CODE_ROLES.map((role) => terminology.match(role, concept.coding)).find(
        (match) => match !== undefined,
      );
      return coding === undefined ? '' : describe(coding.code ?? '', coding.display);
    }),
  );
  const categories = categoryWords(entry.resource.category);
  const url = terminology.urlOf('imagingReportCategory');
  const notImaging = 'so it is not read as an imaging report (issue #13)';
  if (categories.length === 0)
    return `${entry.reference} ignored: it concludes with ${concluded}, but it has no category and names no ImagingStudy, ${notImaging}; if it is one, its source should give it a category in ${url} or name its ImagingStudy`;
  const category =
    categories.length === 1
      ? `its category, ${namedWords(categories)}, is`
      : `its categories, ${namedWords(categories)}, are`;
  return `${entry.reference} ignored: it concludes with ${concluded}, but ${category} not in ${url} and it names no ImagingStudy, ${notImaging}; if it is one, add its category code to the value set of the role imagingReportCategory (docs/configuring.md, example a)`;
}

/**
 * Each category coding as `code (display) in system`, or a category's text when it has no
 * code. Read as untyped data: the schemas do not check `category` (./imaging-report.ts).
 */
function categoryWords(category: unknown): string[] {
  if (!Array.isArray(category)) return [];
  const words: string[] = [];
  for (const concept of category as unknown[]) {
    if (typeof concept !== 'object' || concept === null) continue;
    const { coding, text } = concept as { coding?: unknown; text?: unknown };
    const before = words.length;
    for (const c of Array.isArray(coding) ? (coding as unknown[]) : []) {
      if (typeof c !== 'object' || c === null) continue;
      const { system, code, display } = c as Record<string, unknown>;
      if (typeof code !== 'string' || code.trim() === '') continue;
      const where = typeof system === 'string' && system.trim() ? system.trim() : 'no system';
      words.push(`${describe(code.trim(), display)} in ${where}`);
    }
    if (words.length === before && typeof text === 'string' && text.trim())
      words.push(JSON.stringify(text.trim()));
  }
  return words;
}

function describe(code: string, display: unknown): string {
  return typeof display === 'string' && display.trim() ? `${code} (${display.trim()})` : code;
}

/** Those that say something, the first few named (./named-list.ts). */
const namedWords = (words: readonly string[]): string =>
  firstNamed(
    words.filter((word) => word !== ''),
    NAMED_AT_MOST,
  );
