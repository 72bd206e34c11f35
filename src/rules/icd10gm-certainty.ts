/**
 * ICD-10-GM's Diagnosesicherheit (H130). German records (Basisprofil DE, the KBV's profiles, the
 * Medizininformatik-Initiative's core data set) carry a diagnosis's certainty not in
 * Condition.verificationStatus but in an extension on its code's coding,
 * http://fhir.de/StructureDefinition/icd-10-gm-diagnosesicherheit, whose valueCoding is from the
 * KBV's code system: A ausgeschlossen, G gesicherte Diagnose, V Verdacht auf / zum Ausschluss
 * von, Z Zustand nach. Unread, an excluded plasmacytoma with no verificationStatus counted as
 * confirmed (rules page §2) and raised its card.
 *
 * Each is read as FHIR's own statuses say it: A as refuted, V as provisional (a tentative
 * diagnosis), G as confirmed, Z as history (Basisprofil DE's own example pairs Z with
 * clinicalStatus resolved). ./condition-status.ts meets the reading with the Condition's own
 * elements, the calmer winning (meetVerification, historyBecauseOf).
 *
 * The extension's context is Condition.code.coding (Basisprofil DE), any coding of the code: it
 * is read on each, its meaning given by its URL. Read so, it can only make a Condition calmer
 * than its elements, never more alarming; left unread on a SNOMED CT coding, an A would raise
 * a card the record says is excluded. The trace says when it was not on the ICD-10-GM coding.
 */
import { isSystemOf, knownSystems, type ReadSpelling } from './read-spellings.js';

export const DIAGNOSESICHERHEIT_URL =
  'http://fhir.de/StructureDefinition/icd-10-gm-diagnosesicherheit';
/** The KBV's code system of the extension's value (KBV_VS_SFHIR_ICD_DIAGNOSESICHERHEIT, required). */
export const KBV_DIAGNOSESICHERHEIT =
  'https://fhir.kbv.de/CodeSystem/KBV_CS_SFHIR_ICD_DIAGNOSESICHERHEIT';
/** ICD-10-GM's URIs: BfArM's, and DIMDI's from before BfArM took it over (2020). */
const ICD_10_GM: ReadonlySet<string> = new Set([
  'http://fhir.de/CodeSystem/bfarm/icd-10-gm',
  'http://fhir.de/CodeSystem/dimdi/icd-10-gm',
]);
/** Unmistakable spellings of the KBV's URI (http, a trailing slash) are read as it (H93). */
const KBV_SYSTEMS = knownSystems([KBV_DIAGNOSESICHERHEIT]);

export type GmVerification = 'refuted' | 'provisional' | 'confirmed';

/** Each code, its name in the KBV's code system, and the FHIR verification it stands for. */
const CODES: ReadonlyMap<string, { name: string; verification: GmVerification | undefined }> =
  new Map([
    ['A', { name: 'ausgeschlossen', verification: 'refuted' }],
    ['V', { name: 'Verdacht auf / zum Ausschluss von', verification: 'provisional' }],
    ['G', { name: 'gesicherte Diagnose', verification: 'confirmed' }],
    ['Z', { name: 'Zustand nach', verification: undefined }],
  ]);

/** What a Condition's Diagnosesicherheit says; undefined when its codings carry none. */
export interface Diagnosesicherheit {
  /** What A, V or G stands for, the calmest where codings disagree; undefined for Z alone. */
  verification: GmVerification | undefined;
  /** The code that verification was read from, as the trace names it (`A (ausgeschlossen)`). */
  verificationFrom: string | undefined;
  /** ` (sent on its coding in …, not an ICD-10-GM one)`, or '' when on the ICD-10-GM coding. */
  verificationOn: string;
  /** `Z (Zustand nach)` when a coding says Z; undefined otherwise. */
  historyFrom: string | undefined;
  /** For the trace: each extension present and not read, and why. */
  unread: readonly string[];
  /** Spellings of the KBV's URI read as it, for the trace (./read-spellings.ts). */
  systems: readonly ReadSpelling[];
}

/** Calmer first: a refuted reading never yields to a provisional one, nor that to confirmed. */
const RANK: Readonly<Record<string, number>> = {
  refuted: 0,
  'entered-in-error': 0,
  unconfirmed: 1,
  provisional: 1,
  differential: 1,
  confirmed: 2,
};

/** A code no rank names is one the element could not read: uncertain, as it counts. */
const rankOf = (code: string): number => RANK[code] ?? 1;

/**
 * The Diagnosesicherheit on the codings of `code` (Condition.code). The common path, a coding
 * with no extension, costs one property read per coding: this runs for every Condition.
 */
export function readDiagnosesicherheit(code: unknown): Diagnosesicherheit | undefined {
  const codings = (code as { coding?: unknown } | null | undefined)?.coding;
  if (!Array.isArray(codings)) return undefined;
  let read: Diagnosesicherheit | undefined;
  for (const coding of codings as unknown[]) {
    const extensions = (coding as { extension?: unknown } | null | undefined)?.extension;
    if (!Array.isArray(extensions)) continue;
    for (const extension of extensions as unknown[]) {
      const { url, valueCoding } = (extension ?? {}) as { url?: unknown; valueCoding?: unknown };
      if (url !== DIAGNOSESICHERHEIT_URL) continue;
      read ??= {
        verification: undefined,
        verificationFrom: undefined,
        verificationOn: '',
        historyFrom: undefined,
        unread: [],
        systems: [],
      };
      addCode(read, valueCoding, hostOf(coding as fhir4.Coding | null));
    }
  }
  return read;
}

/** ` (sent on its coding in …)`: said when the extension was not on the ICD-10-GM coding. */
function hostOf(coding: fhir4.Coding | null): string {
  const system = typeof coding?.system === 'string' ? coding.system.trim() : '';
  if (ICD_10_GM.has(system)) return '';
  return ` (sent on its coding ${system ? `in ${system}` : 'with no system'}, not an ICD-10-GM one)`;
}

function addCode(read: Diagnosesicherheit, value: unknown, host: string): void {
  const unread = read.unread as string[];
  if (typeof value !== 'object' || value === null) {
    unread.push('ICD-10-GM Diagnosesicherheit with no valueCoding not read');
    return;
  }
  const { system, code } = value as { system?: unknown; code?: unknown };
  const sent = typeof code === 'string' ? code.trim() : '';
  // A lone letter names one code whatever its case; the extension binds its value to the KBV's
  // codes (required), so a code sent with no system is one of them.
  const known = CODES.get(sent.toUpperCase());
  const systemOk = system === undefined || system === null || isKbv(system, read);
  if (known === undefined || !systemOk) {
    const why = !systemOk
      ? `"${sent}" in ${typeof system === 'string' ? system : 'no valid system'}, not the KBV's code system`
      : `"${sent}", not one of the KBV's codes A, G, V or Z`;
    unread.push(
      `ICD-10-GM Diagnosesicherheit ${why}: not read, its status read from its own elements`,
    );
    return;
  }
  const named = `${sent.toUpperCase()} (${known.name})`;
  if (known.verification === undefined) {
    read.historyFrom ??= `${named}${host}`;
    return;
  }
  if (read.verification === undefined || rankOf(known.verification) < rankOf(read.verification)) {
    read.verification = known.verification;
    read.verificationFrom = named;
    read.verificationOn = host;
  }
}

function isKbv(system: unknown, read: Diagnosesicherheit): boolean {
  return (
    typeof system === 'string' && isSystemOf(KBV_SYSTEMS, system, read.systems as ReadSpelling[])
  );
}

/**
 * The verification code the Condition counts with: its element's (`code`; `unreadable` when
 * present and not read) met with the Diagnosesicherheit's. Where the element says nothing, the
 * Diagnosesicherheit's. Where they disagree, the calmer wins, as two codes of one element do
 * (./condition-status.ts: never escalate), and `note` says so for the trace: a verificationStatus
 * confirmed beside an A is ignored, with the trace naming both (H130).
 */
export function meetVerification(
  code: string | undefined,
  unreadable: boolean,
  read: Diagnosesicherheit,
): { code: string | undefined; note: string | undefined } {
  const { verification, verificationFrom, verificationOn } = read;
  if (verification === undefined) return { code, note: undefined };
  const from = `ICD-10-GM Diagnosesicherheit ${verificationFrom ?? ''}`;
  const readAs = `verification read from ${from} as ${verification}${verificationOn}`;
  if (code === undefined)
    return {
      code: verification,
      note: `${readAs}${unreadable ? '; its verificationStatus cannot be read' : ''}`,
    };
  const element = rankOf(code);
  const sicherheit = rankOf(verification);
  if (element === sicherheit) return { code, note: undefined };
  if (sicherheit < element)
    return {
      code: verification,
      note: `${readAs}, though its verificationStatus says ${code}: the two disagree, and the reading that alarms least counts (H130)`,
    };
  return {
    code,
    note: `its verificationStatus ${code} counts, though ${from} says ${verification}: the two disagree, and the reading that alarms least counts (H130)`,
  };
}

/** clinicalStatus codes that say the Condition is going on (FHIR R4 condition-clinical). */
const GOING_ON: ReadonlySet<string> = new Set(['active', 'recurrence', 'relapse']);

/**
 * Why a Condition whose Diagnosesicherheit is Z is history, for the trace; a clinicalStatus that
 * says it is going on is named, since the calmer reading wins over it.
 */
export function historyBecauseOf(
  read: Diagnosesicherheit,
  clinicalCode: string | undefined,
): string | undefined {
  if (read.historyFrom === undefined) return undefined;
  const because = `ICD-10-GM Diagnosesicherheit ${read.historyFrom}`;
  return clinicalCode !== undefined && GOING_ON.has(clinicalCode)
    ? `${because}, though its clinicalStatus says ${clinicalCode}: the two disagree, and the reading that alarms least counts (H130)`
    : because;
}
