/**
 * Condition status semantics (rules page §2 "Status"), read so that no reading can escalate.
 * The standard codes count under the R4 and the STU3 system URIs (real exports still carry
 * the STU3 ones), and under an unmistakable near miss of one (H93); a code spelled with
 * zero-width or full-width characters is read as the code it spells (H97). A status given only
 * as text (or coded in a system we do not know) is read against a configured list of words
 * (./status-words.ts), and only ever towards history or ignored. Any other status that is
 * present but cannot be read makes the Condition uncertain: it may feed a card, lowered. Only
 * an ABSENT element gets §2's default (confirmed, active); an element that holds nothing, or
 * only a data-absent-reason, is absent. The abatement is read in ./abatement.ts (H96). German
 * records' certainty, ICD-10-GM's Diagnosesicherheit on the code's coding, is read where the
 * elements say nothing, and met with them where they speak, the calmer winning
 * (./icd10gm-certainty.ts, H130).
 */
import { readAbatement } from './abatement.js';
import { NEEDS_READING, readingOf, type CodeReading } from './code-spelling.js';
import { historyBecauseOf, meetVerification, readDiagnosesicherheit } from './icd10gm-certainty.js';
import {
  isSystemOf,
  knownSystems,
  noticeCodeReading,
  noticeSpelling,
  noticeStatusConcept,
  type KnownSystems,
  type ReadSpelling,
} from './read-spellings.js';
import { SNOMED_CT } from './snomed-expression.js';
import { redactionOf } from './redacted.js';
import { readWords, type StatusWord, type StatusWords } from './status-words.js';
import type { UncertainStatus } from './uncertain-status.js';

/** `excluded` Conditions are ignored entirely; `uncertain` ones lower the card they feed. */
export type Certainty = 'confirmed' | 'uncertain' | 'excluded';
export type StatusElement = 'clinicalStatus' | 'verificationStatus';

export interface ConditionStatus {
  certainty: Certainty;
  /** inactive, remission or resolved (coded or by text), or an abatement. */
  isHistory: boolean;
  /**
   * Why it is history, for the explain trace (`clinicalStatus resolved`, `its status text`,
   * `abatementDateTime`): a Condition read as history raises no card, and the trace says what
   * in the record made it so. Undefined when not history.
   */
  historyBecause: string | undefined;
  /**
   * The abatement[x] element read as an abatement (`abatementDateTime`), if any: one dated after
   * `now`, or whose text is a statusWords.notAbated word, is not (H96).
   */
  abatement: string | undefined;
  /**
   * For the trace, an abatement present but not read as one (`abatement dated in the future
   * (abatementDateTime 2027-03-01): not read as abated`, `abatementString "ongoing" says not
   * abated (statusWords.notAbated): not read as abated`); undefined otherwise.
   */
  abatementNote: string | undefined;
  /** The clinicalStatus code when read from a coding (`relapse`, `remission` …). Text never sets it. */
  clinicalCode: string | undefined;
  /**
   * Elements present that could not be read, and elements absent from a Condition marked
   * REDACTED (`redaction`): each makes the Condition uncertain.
   */
  unreadable: readonly StatusElement[];
  /**
   * For the trace, the Condition's REDACTED mark (`marked REDACTED (meta.security)`, H141) and
   * the elements absent from it, so read as unreadable: the absence may be the redaction's, so
   * §2's default (active, confirmed) is not given. Undefined when no element is read so.
   */
  redaction: { mark: string; absent: readonly StatusElement[] } | undefined;
  /** What makes it uncertain (its verification code, an unreadable element); empty otherwise. */
  uncertainBecause: readonly UncertainStatus[];
  /**
   * For the trace, what ICD-10-GM's Diagnosesicherheit said of its certainty (H130): the
   * verification read from it, where it and the verificationStatus disagree, or why it was not
   * read (`verification read from ICD-10-GM Diagnosesicherheit A (ausgeschlossen) as refuted`).
   * Undefined when its codings carry none, or it only agrees with the element. A Z is named in
   * `historyBecause`.
   */
  diagnosesicherheit: string | undefined;
}

/**
 * Each element's systems, R4's and STU3's, also under their near misses (https, capitals,
 * trailing slashes: ./system-spelling.ts), as the rules read a diagnosis's: read so, an
 * `active` status is not "unreadable", which would lower a critical card (H93).
 */
const STATUS_SYSTEMS: Readonly<Record<StatusElement, KnownSystems>> = {
  clinicalStatus: knownSystems([
    'http://terminology.hl7.org/CodeSystem/condition-clinical',
    'http://hl7.org/fhir/condition-clinical',
  ]),
  verificationStatus: knownSystems([
    'http://terminology.hl7.org/CodeSystem/condition-ver-status',
    'http://hl7.org/fhir/condition-ver-status',
  ]),
};

/**
 * SNOMED CT's status concepts, as C-CDA codes a problem's status (its Problem Status value set,
 * 2.16.840.1.113883.3.88.12.80.68: Active, Inactive, Resolved) and as converters copy it into
 * FHIR; C-CDA on FHIR's ConceptMap CF-ProblemStatus maps them, and Recurrence, to FHIR's codes.
 * The verification's two qualifier values say present or absent. Read as the FHIR code each
 * stands for: an "Active" read as unreadable lowered a critical card to info (H127). Only
 * concepts that mean one FHIR code: any other SNOMED CT status stays unreadable, never guessed.
 */
const SNOMED_CT_STATUS: Readonly<Record<StatusElement, ReadonlyMap<string, string>>> = {
  clinicalStatus: new Map([
    ['55561003', 'active'],
    ['73425007', 'inactive'],
    ['413322009', 'resolved'],
    ['246455001', 'recurrence'],
  ]),
  verificationStatus: new Map([
    ['410605003', 'confirmed'],
    ['410516002', 'refuted'],
  ]),
};
/** SNOMED CT's URI and OID (rules page §5). */
const SNOMED_CT_SYSTEMS = knownSystems([SNOMED_CT, 'urn:oid:2.16.840.1.113883.6.96']);

/** The FHIR status code a SNOMED CT coding stands for (SNOMED_CT_STATUS), if any. */
function snomedStatusOf(element: StatusElement, coding: fhir4.Coding, read: ReadThrough): string[] {
  if (typeof coding.system !== 'string' || typeof coding.code !== 'string') return [];
  const sent = coding.code.trim();
  const code = SNOMED_CT_STATUS[element].get(sent);
  if (code === undefined || !isSystemOf(SNOMED_CT_SYSTEMS, coding.system, read.systems)) return [];
  if (!read.concepts.some((c) => c.element === element && c.sent === sent))
    read.concepts.push({ element, sent, as: code });
  return [code];
}

/** What a Condition's status was read through, for its evaluation's trace (H93, H97). */
interface ReadThrough {
  systems: ReadSpelling[];
  codes: CodeReading[];
  /** SNOMED CT status concepts read as FHIR's codes (H127). */
  concepts: { element: StatusElement; sent: string; as: string }[];
}

/**
 * A coding's status code, trimmed and in lower case; read through its spelling (H97) when only
 * that makes it one of the element's codes (noted in `read`). Both ways, as H93 reads a status
 * system: the reading is exact (the code a reader sees), and unread, `refuted\u200B` or
 * `resolved\u200B` was "unreadable", which only lowers a card: §6 asks for none at all.
 */
function statusCodeOf(element: StatusElement, code: unknown, read: ReadThrough): string {
  if (typeof code !== 'string') return '';
  const lower = code.trim().toLowerCase();
  if (STATUS_CODES[element].has(lower) || !NEEDS_READING.test(code)) return lower;
  const reading = readingOf(code);
  const readCode = reading?.read.toLowerCase();
  if (reading === undefined || readCode === undefined || !STATUS_CODES[element].has(readCode))
    return lower;
  if (!read.codes.includes(reading)) read.codes.push(reading);
  return readCode;
}

/** FHIR R4's codes for each element (STU3's are the same), as FHIR writes them. */
export const STATUS_CODES: Readonly<Record<StatusElement, ReadonlySet<string>>> = {
  clinicalStatus: new Set(['active', 'recurrence', 'relapse', 'inactive', 'remission', 'resolved']),
  verificationStatus: new Set([
    'unconfirmed',
    'provisional',
    'differential',
    'confirmed',
    'refuted',
    'entered-in-error',
  ]),
};
const EXCLUDED = new Set(['entered-in-error', 'refuted']);
const UNCERTAIN: ReadonlySet<string> = new Set<UncertainStatus>([
  'unconfirmed',
  'provisional',
  'differential',
]);
const isUncertainCode = (code: string | undefined): code is UncertainStatus =>
  code !== undefined && UNCERTAIN.has(code);
const HISTORY = new Set(['inactive', 'remission', 'resolved']);

type Reading =
  | { kind: 'absent' }
  | { kind: 'code'; code: string; word: StatusWord | undefined }
  | { kind: 'word'; as: StatusWord }
  | { kind: 'unreadable' };

const UNREADABLE: Reading = { kind: 'unreadable' };

/** What the element's words say, whether or not a standard code was read beside them. */
const wordOf = (reading: Reading): StatusWord | undefined =>
  reading.kind === 'word' ? reading.as : reading.kind === 'code' ? reading.word : undefined;

/** One reading per Condition, word list and `now` (an evaluation reads a Condition several times). */
const cache = new WeakMap<
  StatusWords,
  WeakMap<fhir4.Condition, { nowMs: number; status: ConditionStatus }>
>();

/**
 * The Condition's status at `now`, read once per Condition, word list and `now`: whether an
 * abatement has happened depends on the time (H96).
 */
export function readConditionStatus(
  condition: fhir4.Condition,
  words: StatusWords,
  now: Date,
): ConditionStatus {
  let byCondition = cache.get(words);
  if (!byCondition) cache.set(words, (byCondition = new WeakMap()));
  const nowMs = now.getTime();
  const cached = byCondition.get(condition);
  let status: ConditionStatus;
  if (cached?.nowMs === nowMs) status = cached.status;
  else byCondition.set(condition, { nowMs, status: (status = read(condition, words, now)) });
  // Noted at each read, cached or not: the evaluation reading it names it in its trace. Until
  // some status is read so, no look-up: well-written feeds pay nothing for it.
  if (anyReadThrough) {
    const through = readThrough.get(status);
    for (const readAs of through?.systems ?? []) noticeSpelling(readAs);
    for (const reading of through?.codes ?? []) noticeCodeReading(reading);
    for (const { element, sent, as } of through?.concepts ?? [])
      noticeStatusConcept(element, sent, as);
  }
  return status;
}

/** The near misses (H93) and code spellings (H97) each status was read through, when any. */
const readThrough = new WeakMap<ConditionStatus, ReadThrough>();
let anyReadThrough = false;

function read(
  condition: fhir4.Condition,
  words: StatusWords,
  now: Date | undefined,
): ConditionStatus {
  const readAs: ReadThrough = { systems: [], codes: [], concepts: [] };
  let clinical = readElement(condition.clinicalStatus, 'clinicalStatus', words, readAs);
  let verification = readElement(condition.verificationStatus, 'verificationStatus', words, readAs);
  // H141: a status absent from a Condition marked REDACTED may be what was removed; not given
  // §2's default, it is read as unreadable (as a data-absent-reason "masked" is). Asked only
  // when a status is absent: most Conditions send both.
  const absent: StatusElement[] = [];
  if (clinical.kind === 'absent') absent.push('clinicalStatus');
  if (verification.kind === 'absent') absent.push('verificationStatus');
  const mark = absent.length > 0 ? redactionOf(condition) : undefined;
  const redaction = mark === undefined ? undefined : { mark, absent };
  if (redaction !== undefined) {
    if (clinical.kind === 'absent') clinical = UNREADABLE;
    if (verification.kind === 'absent') verification = UNREADABLE;
  }
  const readings = [clinical, verification];
  const unreadable: StatusElement[] = [];
  if (clinical.kind === 'unreadable') unreadable.push('clinicalStatus');
  if (verification.kind === 'unreadable') unreadable.push('verificationStatus');
  const elementCode = verification.kind === 'code' ? verification.code : undefined;
  // Undefined unless a coding of its code carries an extension (H130): most Conditions.
  const sicherheit = readDiagnosesicherheit(condition.code);
  const met = sicherheit
    ? meetVerification(elementCode, verification.kind === 'unreadable', sicherheit)
    : undefined;
  const verificationCode = met ? met.code : elementCode;
  const clinicalCode = clinical.kind === 'code' ? clinical.code : undefined;
  const ignored =
    (verificationCode !== undefined && EXCLUDED.has(verificationCode)) ||
    readings.some((r) => wordOf(r) === 'ignored');
  const uncertainBecause: UncertainStatus[] = [];
  if (isUncertainCode(verificationCode)) uncertainBecause.push(verificationCode);
  if (unreadable.length > 0) uncertainBecause.push('unreadable');
  const uncertain = uncertainBecause.length > 0;
  const { abatement, note } = readAbatement(condition, words, now);
  const historyBecause =
    clinicalCode !== undefined && HISTORY.has(clinicalCode)
      ? `clinicalStatus ${clinicalCode}`
      : readings.some((r) => wordOf(r) === 'history')
        ? 'its status text, a statusWords.history word'
        : ((sicherheit && historyBecauseOf(sicherheit, clinicalCode)) ?? abatement);
  const status: ConditionStatus = {
    certainty: ignored ? 'excluded' : uncertain ? 'uncertain' : 'confirmed',
    isHistory: historyBecause !== undefined,
    historyBecause,
    abatement,
    abatementNote: note,
    clinicalCode,
    unreadable,
    redaction,
    uncertainBecause: ignored ? [] : uncertainBecause,
    diagnosesicherheit: sicherheit && noteOf(met?.note, sicherheit.unread),
  };
  for (const system of sicherheit?.systems ?? [])
    if (!readAs.systems.includes(system)) readAs.systems.push(system);
  if (readAs.systems.length > 0 || readAs.codes.length > 0 || readAs.concepts.length > 0) {
    readThrough.set(status, readAs);
    anyReadThrough = true;
  }
  return status;
}

function readElement(
  concept: unknown,
  element: StatusElement,
  words: StatusWords,
  readAs: ReadThrough,
): Reading {
  if (concept === undefined || concept === null) return { kind: 'absent' };
  // STU3 sent both statuses as plain codes; the schemas refuse that, the browser app may not.
  const { coding, text, extension } =
    typeof concept === 'string'
      ? { coding: [{ code: concept }], text: undefined, extension: undefined }
      : (concept as fhir4.CodeableConcept);
  const codings = Array.isArray(coding) ? coding : [];
  if (holdsNoStatus(text, codings, extension)) return { kind: 'absent' };
  const codes = [
    ...codings
      .filter((c) => !c.system || isSystemOf(STATUS_SYSTEMS[element], c.system, readAs.systems))
      .map((c) => statusCodeOf(element, c.code, readAs))
      .filter((code) => STATUS_CODES[element].has(code)),
    ...codings.flatMap((c) => snomedStatusOf(element, c, readAs)),
  ];
  // The words are read even beside a standard code: an export that codes "confirmed" and
  // adds a local "entered in error" coding, or the text "Entered in error", has said the
  // record is void. Words only ever move a reading towards ignored or history.
  const word = readWords(text, codings, words);
  if (codes.length > 0) {
    // Two readable codes that disagree: the one that alarms least wins (never escalate).
    const calm = codes.find((code) => EXCLUDED.has(code) || HISTORY.has(code));
    return {
      kind: 'code',
      code: calm ?? codes.find((code) => UNCERTAIN.has(code)) ?? codes[0] ?? '',
      word,
    };
  }
  return word ? { kind: 'word', as: word } : { kind: 'unreadable' };
}

/** The trace's words for a Diagnosesicherheit: its reading, and each extension not read. */
function noteOf(reading: string | undefined, unread: readonly string[]): string | undefined {
  const parts = reading === undefined ? unread : [reading, ...unread];
  return parts.length > 0 ? parts.join('; ') : undefined;
}

const DATA_ABSENT_REASON = 'http://hl7.org/fhir/StructureDefinition/data-absent-reason';
const isSaid = (value: unknown): boolean => typeof value === 'string' && value.trim() !== '';

/**
 * An element present in the JSON that holds no status: no text, and no coding with a code or
 * a display (`{}`, `{"coding": []}`), at most a data-absent-reason, FHIR's way of writing
 * that the value is missing (US Core exports write an unknown status so). Rules page §2 gives
 * an absent status its default. A reason "masked" is a status withheld, not missing, and any
 * other extension may say something we cannot read: both stay unreadable.
 */
function holdsNoStatus(
  text: unknown,
  codings: readonly fhir4.Coding[],
  extension: unknown,
): boolean {
  if (isSaid(text) || codings.some((c) => isSaid(c.code) || isSaid(c.display))) return false;
  const extensions: unknown[] = Array.isArray(extension) ? extension : [];
  return extensions.every((e) => {
    const { url, valueCode } = (e ?? {}) as { url?: unknown; valueCode?: unknown };
    return url === DATA_ABSENT_REASON && valueCode !== 'masked';
  });
}

/**
 * Certainty alone (rules page §2): excluded, uncertain (including unreadable) or confirmed. It
 * does not depend on the abatement, so needs no `now`.
 */
export function certaintyOf(condition: fhir4.Condition, words: StatusWords): Certainty {
  const cached = cache.get(words)?.get(condition);
  if (cached) return cached.status.certainty;
  // Read once per Condition too: the Conditions in no value set are asked here by more than
  // one trace line (./header-codes.ts, ./unread-codes.ts), at thousands a long record.
  let byCondition = certainties.get(words);
  if (!byCondition) certainties.set(words, (byCondition = new WeakMap()));
  let certainty = byCondition.get(condition);
  if (certainty === undefined)
    byCondition.set(condition, (certainty = read(condition, words, undefined).certainty));
  return certainty;
}

/** certaintyOf's readings of Conditions readConditionStatus has not read. */
const certainties = new WeakMap<StatusWords, WeakMap<fhir4.Condition, Certainty>>();

/** History never raises a card of its own: inactive, remission, resolved, or abated by `now`. */
export function isHistory(condition: fhir4.Condition, words: StatusWords, now: Date): boolean {
  return readConditionStatus(condition, words, now).isHistory;
}

/**
 * Why an excluded Condition is set aside, for the trace: its verification, and where that was
 * read from ICD-10-GM's Diagnosesicherheit, that reading (H130).
 */
export function excludedBecause(status: ConditionStatus): string {
  const because = 'its verification status is refuted or entered in error';
  return status.diagnosesicherheit ? `${because}; ${status.diagnosesicherheit}` : because;
}

/** Why a Condition counts as it does, for the explain trace; empty when nothing is unusual. */
export function describeStatus(status: ConditionStatus): string {
  if (status.unreadable.length === 0) return '';
  const { redaction } = status;
  const present = status.unreadable.filter((e) => !redaction?.absent.includes(e));
  const parts = present.length > 0 ? [present.join(', ')] : [];
  if (redaction !== undefined)
    parts.push(
      `${redaction.absent.join(', ')} absent, and the Condition is ${redaction.mark}: read as not readable`,
    );
  return `status could not be read (${parts.join('; ')}): counts as uncertain`;
}
