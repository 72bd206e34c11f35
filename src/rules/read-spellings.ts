/**
 * A record's code systems read through their unmistakable near misses (./system-spelling.ts,
 * H93): each distinct system string is worked out once, never each coding (a call reads
 * thousands of codings, in a handful of systems: docs/performance.md), and the near misses an
 * evaluation read are noticed, so its explain trace names each once and what the feed should
 * send instead. So are the codes read through their spelling (./code-spelling.ts, H97), the
 * modalities read as DICOM's for want of a system (H98), and the modalities read as DICOM
 * writes its values (./modality-reading.ts, H116), and the SNOMED CT expressions read by their
 * focus concept or left unread (./snomed-expression.ts, H128).
 */
import { readCodeLine, visibly, type CodeReading } from './code-spelling.js';
import { modalityReadingLine, type ModalityReading } from './modality-reading.js';
import { expressionLine, type ExpressionReading } from './snomed-expression.js';
import { spellingOf, type ReadMiss, type SystemSpelling } from './system-spelling.js';
import type { TraceLine } from './trace-line.js';

/** A system a record spelled otherwise, read as a known code system. */
export interface ReadSpelling {
  /** As the record wrote it (trimmed). */
  system: string;
  /** The code system's preferred URI: what the feed should send. */
  preferred: string;
  /** `other-name`: a name code-systems.json gives the system besides its URI and OID (H116). */
  miss: ReadMiss | 'other-name';
  /** What differs from that URI, in words. */
  how: string;
}

interface Reading {
  spelling: SystemSpelling;
  read: ReadSpelling | undefined;
}

/** Bounded, since the systems are request data: a client may send any number of them. */
const READINGS_KEPT = 1_024;

/** The spellings of a set of known systems, each system string read once. */
export class SystemReader {
  /** Each known URI or `urn:oid:` → its code system's preferred URI. */
  readonly #preferred: ReadonlyMap<string, string>;
  readonly #known: readonly string[];
  readonly #readings = new Map<string, Reading>();

  constructor(preferred: ReadonlyMap<string, string>) {
    this.#preferred = preferred;
    this.#known = [...preferred.keys()];
  }

  #reading(system: string): Reading {
    let reading = this.#readings.get(system);
    if (reading === undefined) {
      const spelling = spellingOf(system, this.#known);
      const read =
        spelling.kind === 'read-as'
          ? {
              system,
              preferred: this.#preferred.get(spelling.known) ?? spelling.known,
              miss: spelling.miss,
              how: spelling.how,
            }
          : undefined;
      reading = { spelling, read };
      if (this.#readings.size >= READINGS_KEPT) this.#readings.clear();
      this.#readings.set(system, reading);
    }
    return reading;
  }

  /** How `system` (trimmed) is spelled against the known systems. */
  spellingOf(system: string): SystemSpelling {
    return this.#reading(system).spelling;
  }

  /** What `system` (trimmed) is read as, when it is an unmistakable near miss; else undefined. */
  readAs(system: string): ReadSpelling | undefined {
    return this.#reading(system).read;
  }
}

/** Systems as written, and a reader of their unmistakable near misses (H93). */
export interface KnownSystems {
  uris: readonly string[];
  reader: SystemReader;
}

export function knownSystems(uris: readonly string[]): KnownSystems {
  return { uris, reader: new SystemReader(new Map(uris.map((uri) => [uri, uri]))) };
}

/**
 * Whether `system` is one of `known`, as written or read through a near miss; a near miss is
 * added to `readThrough` (once), for the trace.
 */
export function isSystemOf(
  known: KnownSystems,
  system: string,
  readThrough: ReadSpelling[],
): boolean {
  const trimmed = system.trim();
  if (known.uris.includes(trimmed)) return true;
  const readAs = known.reader.readAs(trimmed);
  if (readAs === undefined) return false;
  if (!readThrough.includes(readAs)) readThrough.push(readAs);
  return true;
}

/**
 * What was read through while noticingSpellings runs, each once: a near-miss system (H93), a
 * code spelled with invisible or full-width characters (H97), a modality with no system (H98),
 * keyed by what the line names. Undefined outside it.
 */
let noticed: Map<string, TraceLine> | undefined;

/** Notes that a near miss was read, for the trace of the evaluation running, if any. */
export function noticeSpelling(read: ReadSpelling): void {
  notice(`system ${read.system}`, () => readSpellingLine(read));
}

/** Notes that a code was read through its spelling (./code-spelling.ts), for the trace. */
export function noticeCodeReading(reading: CodeReading): void {
  notice(`code ${reading.sent}`, () => readCodeLine(reading));
}

/** Notes that a SNOMED CT expression was read by its focus concept, or not read (H128). */
export function noticeExpressionReading(reading: ExpressionReading): void {
  notice(`expression ${reading.sent}`, () => expressionLine(reading));
}

/** Notes that a modality with no system was read as DICOM's, for the trace. */
export function noticeSystemlessModality(sent: string, read: string, dicom: string): void {
  notice(`modality ${sent}`, () => systemlessModalityLine(sent, read, dicom));
}

/** Notes that a modality was read as DICOM's values (./modality-reading.ts), for the trace. */
export function noticeModalityReading(reading: ModalityReading): void {
  notice(`modality values ${reading.sent}`, () => modalityReadingLine(reading));
}

/**
 * Notes that a Condition's status coded in SNOMED CT was read as the FHIR code it stands for
 * (./condition-status.ts, H127), for the trace.
 */
export function noticeStatusConcept(element: string, code: string, as: string): void {
  notice(`status ${element} ${code}`, () => ({
    message: `${element} SNOMED CT ${code} read as ${as} (C-CDA's problem status, as C-CDA on FHIR maps it): the feed may send FHIR's own code`,
  }));
}

/** The line is built once per evaluation, at its first notice. */
function notice(key: string, line: () => TraceLine): void {
  if (noticed !== undefined && !noticed.has(key)) noticed.set(key, line());
}

/**
 * Runs `run` (one evaluation: synchronous, as the rules are) and returns the trace lines of
 * what it read through, in the order first read. Outside, reads are not noted: a card's
 * wording, built later from the same record, reads the same codings and has no trace.
 */
export function noticingSpellings<T>(run: () => T): { value: T; lines: readonly TraceLine[] } {
  const outer = noticed;
  const mine = new Map<string, TraceLine>();
  noticed = mine;
  try {
    return { value: run(), lines: [...mine.values()] };
  } finally {
    noticed = outer;
  }
}

/** Names of the code systems the service ships (rules page §5) and of the status systems. */
const NAMES: Readonly<Record<string, string>> = {
  'http://hl7.org/fhir/sid/icd-10-cm': 'ICD-10-CM',
  'http://snomed.info/sct': 'SNOMED CT',
  'http://terminology.hl7.org/CodeSystem/icd-o-3': 'ICD-O-3',
  'http://loinc.org': 'LOINC',
  'http://dicom.nema.org/resources/ontology/DCM': 'DICOM',
  'http://terminology.hl7.org/CodeSystem/v2-0074': 'HL7 v2 table 0074',
  'http://terminology.hl7.org/CodeSystem/condition-clinical': 'the R4 clinical status codes',
  'http://terminology.hl7.org/CodeSystem/condition-ver-status': 'the R4 verification status codes',
  'http://hl7.org/fhir/condition-clinical': 'the STU3 clinical status codes',
  'http://hl7.org/fhir/condition-ver-status': 'the STU3 verification status codes',
};

/** What the trace calls a code system: its name (ICD-10-CM), else its preferred URI. */
export function systemName(preferred: string): string {
  return NAMES[preferred] ?? preferred;
}

/** "code system "…/icd-10-cm/" read as ICD-10-CM (a trailing slash): the feed should send …". */
export function readSpellingLine({ system, preferred, how }: ReadSpelling): TraceLine {
  return {
    message: `code system "${system}" read as ${systemName(preferred)} (${how}): the feed should send ${preferred}`,
  };
}

/**
 * "modality "PT" with no code system read as DICOM's PT …": R4 binds ImagingStudy.modality
 * and series.modality to DICOM's modalities (CID 29), so a bare PT there has one meaning.
 */
function systemlessModalityLine(sent: string, read: string, dicom: string): TraceLine {
  return {
    message: `modality "${visibly(sent)}" with no code system read as DICOM's ${read} (R4 binds ImagingStudy.modality and series.modality to DICOM's modalities): the feed should send its system, ${dicom}`,
  };
}
