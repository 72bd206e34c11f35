/**
 * The fuzz oracle's own reading of a raw Condition, written from the rules page
 * (../shared/spec/emd-rules.md §2 "Status", "Text only", §3.1, §5) and issue #13 — importing
 * nothing from src/. Where a record can be read more than one reasonable way (a bare "active"
 * with no system, an upper-cased code, a status text outside the word list), every
 * reading is kept and the oracle takes the one most favourable to the service, so it only
 * blames the service for what no reading allows.
 */

type Json = Record<string, unknown>;
export const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// §2 "Status" and issue #13: the standard codes, under the R4 and the STU3 system URIs.
const CLINICAL_SYSTEMS = [
  'http://terminology.hl7.org/CodeSystem/condition-clinical',
  'http://hl7.org/fhir/condition-clinical',
];
const VERIFICATION_SYSTEMS = [
  'http://terminology.hl7.org/CodeSystem/condition-ver-status',
  'http://hl7.org/fhir/condition-ver-status',
];
const CLINICAL_CODES = ['active', 'recurrence', 'relapse', 'inactive', 'remission', 'resolved'];
// STU3's verification codes add "unknown".
const VERIFICATION_CODES = [
  'confirmed',
  'unconfirmed',
  'provisional',
  'differential',
  'refuted',
  'entered-in-error',
  'unknown',
];
const HISTORY = new Set(['inactive', 'remission', 'resolved']);
const EXCLUDED = new Set(['refuted', 'entered-in-error']);
const UNCERTAIN = new Set(['unconfirmed', 'provisional', 'differential', 'unknown']);
/** Issue #13: status text is read against a few words, only ever towards history or ignored. */
const HISTORY_WORDS = /resolved|inactive|remission/i;
const EXCLUDED_WORDS = /refuted|entered[ -]in[ -]error/i;

/** A reading of one status element: 'absent', a standard code, or 'unreadable' (present, unread). */
type Reading = string;

function readStatus(
  concept: unknown,
  systems: readonly string[],
  codes: readonly string[],
): Set<Reading> {
  // A JSON null holds nothing (H69's reading, H111): the element absent.
  if (concept === undefined || concept === null) return new Set<Reading>(['absent']);
  // FHIR STU3's bare string (H113): its code with no system, or its text.
  if (typeof concept === 'string')
    return readStatus({ coding: [{ code: concept }], text: concept }, systems, codes);
  if (!isRecord(concept)) return new Set<Reading>(['unreadable']);
  const readings = new Set<Reading>();
  const codings = Array.isArray(concept.coding) ? concept.coding : [];
  for (const coding of codings) {
    const system = isRecord(coding) && typeof coding.system === 'string' ? coding.system : '';
    const code = isRecord(coding) && typeof coding.code === 'string' ? coding.code : '';
    const known = codes.find((c) => c === code.trim().toLowerCase());
    // No code: read as absent, or as unreadable. Exactly a standard code under a standard
    // system: that code. Respelled, or without a system: the code, or unreadable. A local
    // system: unreadable, whatever the code says.
    if (!code.trim()) readings.add('absent').add('unreadable');
    else if (known !== undefined && systems.includes(system) && known === code) readings.add(known);
    else if (known !== undefined && (systems.includes(system.trim()) || !system.trim()))
      readings.add(known).add('unreadable');
    else {
      readings.add('unreadable');
      // A local code that is a status word (e.g. "remission") may also be read as that word,
      // only ever towards history or ignored (team decision on issue #13's status words; see
      // the LOCAL_REMISSION_MYELOMA test in random-resources.test.ts). It matters only for a
      // myeloma Condition: history still makes a myeloma patient, so its cards are not lowered.
      const word = code.trim().toLowerCase();
      if (HISTORY.has(word) || EXCLUDED.has(word)) readings.add(word);
    }
  }
  if (typeof concept.text === 'string') {
    if (EXCLUDED_WORDS.test(concept.text)) readings.add('refuted');
    else if (HISTORY_WORDS.test(concept.text)) readings.add('resolved');
    // Text outside the list: read as nothing (the defaults) or as unreadable.
    else if (codings.length === 0) readings.add('absent').add('unreadable');
  }
  if (readings.size === 0) readings.add('absent').add('unreadable');
  return readings;
}

/** How far a Condition can carry an alarm: not at all, lowered one level, or fully. */
export type Grade = 'none' | 'uncertain' | 'certain';
const RANK: Record<Grade, number> = { none: 0, uncertain: 1, certain: 2 };
export const best = (grades: Iterable<Grade>): Grade =>
  [...grades].reduce<Grade>((a, b) => (RANK[b] > RANK[a] ? b : a), 'none');
const worst = (grades: Iterable<Grade>): Grade =>
  [...grades].reduce<Grade>((a, b) => (RANK[b] < RANK[a] ? b : a), 'certain');

const ABATEMENT = [
  'abatementDateTime',
  'abatementAge',
  'abatementPeriod',
  'abatementRange',
  'abatementString',
];
/**
 * FHIR's JSON has no null values, no empty strings and no empty objects; a `null` written for an
 * element holds nothing (H69, as the team read it: an abatement written as `null` is no
 * abatement), and neither does a string of blanks only nor a Period, Age or Range with no value
 * in it (H122, read as null is). Any other value is one.
 */
const holdsNothing = (value: unknown): boolean =>
  value === undefined ||
  value === null ||
  (typeof value === 'string' && value.trim() === '') ||
  (isRecord(value) &&
    Object.entries(value).every(
      ([key, part]) =>
        key === 'id' ||
        key === 'extension' ||
        part === null ||
        (typeof part === 'string' && part.trim() === ''),
    ));
const hasAbatement = (c: Json) => ABATEMENT.some((key) => !holdsNothing(c[key]));

/**
 * H96, the team's reading beside the letter: an abatement dated after "now" has not happened
 * yet, and an abatementString that says it has not abated (statusWords.notAbated) is no
 * abatement. The fuzz freezes "now" at 2026-11-01; a date from the day before on (as written,
 * its zone aside) may be after it. Both readings are kept, except for the words the hazard
 * entry itself names (SURELY_NOT_ABATED), which the service must read as not abated: for those
 * the letter's reading is dropped. The words are written here on their own, not taken from
 * the service's defaults: NOT_ABATED_WORDS leniently (any of them may be read so), the sure
 * ones as the hazard writes them, compared as §2's status words are (whole, any case).
 */
const FUZZ_NOW_DAY_BEFORE = '2026-10-31';
const NOT_ABATED_WORDS =
  /^(?:ongoing|not[ _-]?resolved|unresolved|active|n\/?a|none|unknown|持续|未缓解|未愈|无)[.!。！]?$/i;
const SURELY_NOT_ABATED = /^(?:ongoing|not resolved|unresolved|n\/a|unknown|持续|未缓解)[.。]?$/i;
const dateText = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
function mayNotBeAbated(c: Json): boolean {
  if (typeof c.abatementString === 'string') return NOT_ABATED_WORDS.test(c.abatementString.trim());
  const period = isRecord(c.abatementPeriod) ? c.abatementPeriod : {};
  const date =
    dateText(c.abatementDateTime) ?? dateText(period.start) ?? dateText(period.end) ?? '';
  if (date === '') return false;
  if (date >= FUZZ_NOW_DAY_BEFORE) return true;
  // H106, beside the letter: a "no date" placeholder exports write (any day before 1901, the
  // Unix epoch's day), or a date before the Condition's own onset, says nothing of when it
  // abated. Lenient: a day-long margin is the service's to choose, so any such day may be read so.
  if (date < '1901' || date.startsWith('1970-01-01')) return true;
  const onset =
    dateText(c.onsetDateTime) ??
    dateText(isRecord(c.onsetPeriod) ? c.onsetPeriod.start : undefined);
  return onset !== undefined && date.slice(0, 10) <= onset.slice(0, 10);
}
/**
 * Surely no abatement: its only abatement[x] is an abatementString the hazard names. Another
 * abatement[x] beside it (FHIR allows one) may be the one read, so then both readings stay.
 */
function isSurelyNotAbated(c: Json): boolean {
  const others = ABATEMENT.filter((key) => key !== 'abatementString');
  return (
    typeof c.abatementString === 'string' &&
    SURELY_NOT_ABATED.test(c.abatementString.trim()) &&
    others.every((key) => c[key] === undefined || c[key] === null)
  );
}
/** The letter's reading: it has an abatement, unless it surely says it has none (H96). */
const mayBeAbated = (c: Json): boolean => hasAbatement(c) && !isSurelyNotAbated(c);

/**
 * The grade each reading of the statuses gives. `asMyeloma`: §3.1, a myeloma Condition
 * counts whatever its clinical status, so a clinical status no reading understands lowers
 * nothing (`npm run fuzz`, seed 1134145338: a remission myeloma's clinicalStatus code "!"
 * beside an active plasmacytoma); otherwise history (§2) carries nothing, and an unreadable
 * clinical status may be history.
 */
function statusGrades(condition: Json, asMyeloma: boolean): Grade[] {
  const clinical = readStatus(condition.clinicalStatus, CLINICAL_SYSTEMS, CLINICAL_CODES);
  const verification = readStatus(
    condition.verificationStatus,
    VERIFICATION_SYSTEMS,
    VERIFICATION_CODES,
  );
  const grades: Grade[] = [];
  // §3.2 reads C90.x1 as "in remission". A finding coded C90.21 or C90.31 may be read as
  // history too (the service does, H84), unless its clinicalStatus says it came back: both
  // readings are kept. A myeloma's own C90.01 / C90.11 beside its plasmacytoma code says
  // nothing of the plasmacytoma (H91): no such reading.
  const remissionCoded = !asMyeloma && hasCode(condition, PLASMACYTOMA_REMISSION);
  for (const v of verification)
    for (const c of clinical) {
      // The letter: an abatement makes it history. H96 may read it as none: both kept, but
      // for the words the hazard names, which are surely none.
      if (!asMyeloma && mayBeAbated(condition)) grades.push('none');
      if (remissionCoded && c !== 'relapse' && c !== 'recurrence') grades.push('none');
      if (EXCLUDED.has(v) || EXCLUDED.has(c)) grades.push('none');
      else if (!asMyeloma && HISTORY.has(c)) grades.push('none');
      else if (!asMyeloma && hasAbatement(condition) && !mayNotBeAbated(condition))
        grades.push('none');
      else if (v === 'unreadable' || (c === 'unreadable' && !asMyeloma) || UNCERTAIN.has(v))
        grades.push('uncertain');
      else grades.push('certain');
    }
  return grades;
}

// §2 "Codes" and §5: the systems and the codes of myeloma, plasma cell leukaemia and plasmacytoma.
const ICD10 = ['http://hl7.org/fhir/sid/icd-10-cm', 'urn:oid:2.16.840.1.113883.6.90'];
const SNOMED = ['http://snomed.info/sct', 'urn:oid:2.16.840.1.113883.6.96'];
// The rules page names no OID for ICD-O-3; its registered one is accepted too, to be lenient.
const ICDO3 = ['http://terminology.hl7.org/CodeSystem/icd-o-3', 'urn:oid:2.16.840.1.113883.6.43.1'];
const MYELOMA = { icd10: /^C90[.]?[01][012]$/, icdo3: ['9732/3', '9733/3'], snomed: ['109989006'] };
const PLASMACYTOMA = { icd10: /^C90[.]?[23][012]$/, icdo3: ['9734/3', '9731/3'], snomed: [] };
/** §3.2: C90.x1, "in remission"; §5 lists C90.21 and C90.31 among the plasmacytoma codes. */
const PLASMACYTOMA_REMISSION = { icd10: /^C90[.]?[23]1$/, icdo3: [], snomed: [] };

/**
 * Whether the Condition carries one of `codes`. Leniently: also trimmed, lower-case, under
 * ICD-O-3's OID, or with ICD-O-3's morphology prefix or without its slash. `strictly`: only as §2 spells codes (system URI or named OID, ICD-10-CM
 * with or without its dot).
 */
function hasCode(condition: Json, codes: typeof MYELOMA, strictly = false): boolean {
  const codings = isRecord(condition.code) ? condition.code.coding : undefined;
  if (!Array.isArray(codings)) return false;
  return codings.some((coding) => {
    if (!isRecord(coding) || typeof coding.code !== 'string' || typeof coding.system !== 'string')
      return false;
    const [system, code] = strictly
      ? [coding.system, coding.code]
      : [coding.system.trim(), coding.code.trim()];
    if (ICD10.includes(system)) return codes.icd10.test(strictly ? code : code.toUpperCase());
    // Leniently also with the "M" or "M-" ICD-O-3 writes before a morphology (M-9732/3), and
    // without the slash before the behaviour digit, as registries write it (97323).
    if (ICDO3.includes(system))
      return (
        (codes.icdo3.includes(code) || (!strictly && codes.icdo3.includes(morphology(code)))) &&
        (!strictly || !system.startsWith('urn:oid:'))
      );
    return SNOMED.includes(system) && codes.snomed.includes(code);
  });
}

/** An ICD-O-3 code as the rules page writes morphologies: four digits, a slash, one digit. */
function morphology(code: string): string {
  const bare = code.replace(/^[Mm]-?/, '');
  return /^[0-9]{5}$/.test(bare) ? `${bare.slice(0, 4)}/${bare.slice(4)}` : bare;
}

/** §3.1: how surely this Condition makes a myeloma patient (none when it is no myeloma code). */
export function myelomaGrade(condition: Json): Grade {
  return hasCode(condition, MYELOMA) ? best(statusGrades(condition, true)) : 'none';
}

/**
 * How far this Condition can carry a warning or critical card: it must be coded (§2 "Text
 * only": no coding from a known system carries none) in §5's myeloma or plasmacytoma codes —
 * the only Conditions a rule of §4 fires on, with the default (empty) involvement value
 * sets — and active, not refuted nor entered in error.
 */
export function alarmGrade(condition: Json): Grade {
  const coded = hasCode(condition, MYELOMA) || hasCode(condition, PLASMACYTOMA);
  return coded ? best(statusGrades(condition, false)) : 'none';
}

/**
 * Certain under every reading, coded as §2 spells codes: a myeloma Condition that surely
 * makes a myeloma patient (§3.1), or a plasmacytoma that is surely an active, confirmed
 * finding (§3.3) — which §6 says is never dropped silently.
 */
export function isSurely(kind: 'myeloma' | 'finding', condition: Json): boolean {
  const codes = kind === 'myeloma' ? MYELOMA : PLASMACYTOMA;
  return (
    hasCode(condition, codes, true) &&
    worst(statusGrades(condition, kind === 'myeloma')) === 'certain'
  );
}

const DAY_MS = 86_400_000;

/**
 * H94, the team's reading (session 35), accepted as an alternative as H84's is: §2 reads an
 * absent clinicalStatus as active, but an absent status is a default, not a statement. A
 * plasmacytoma with no clinicalStatus may be read as the history of another of the patient's
 * plasmacytoma Conditions recording the same finding (§2 "Duplicates": the same sites, or none
 * on either) whose own status makes it history, when it is dated on or before a date of that
 * history. Read leniently, as every alternative here is: any shared site, any plasmacytoma
 * code, its earliest date against the latest the other gives (abatement, else onset).
 */
export function mayBeHistoryOfAnother(condition: Json, others: readonly Json[]): boolean {
  const clinical = readStatus(condition.clinicalStatus, CLINICAL_SYSTEMS, CLINICAL_CODES);
  if (!clinical.has('absent') || !hasCode(condition, PLASMACYTOMA)) return false;
  const since = Math.min(...datesOf(condition, ['onsetDateTime', 'recordedDate']));
  if (!Number.isFinite(since)) return false;
  const sites = siteKeys(condition);
  return others.some((other) => {
    if (other === condition || !hasCode(other, PLASMACYTOMA) || !isStatedHistory(other))
      return false;
    const otherSites = siteKeys(other);
    const sameSites =
      sites.size === 0 ? otherSites.size === 0 : [...sites].some((s) => otherSites.has(s));
    const until = Math.max(...datesOf(other, ['abatementDateTime', 'onsetDateTime']));
    // Two days' slack: a time with no zone, read at UTC or locally, is still the same day.
    return sameSites && Number.isFinite(until) && since <= until + 2 * DAY_MS;
  });
}

/** History by its own status (§2): a history clinical reading, an abatement, a remission code. */
function isStatedHistory(condition: Json): boolean {
  const clinical = readStatus(condition.clinicalStatus, CLINICAL_SYSTEMS, CLINICAL_CODES);
  return (
    [...clinical].some((c) => HISTORY.has(c)) ||
    mayBeAbated(condition) ||
    hasCode(condition, PLASMACYTOMA_REMISSION)
  );
}

/** The times the Condition's named dates (and their Period forms) may mean, in UTC ms. */
function datesOf(condition: Json, names: readonly string[]): number[] {
  const texts: unknown[] = [];
  for (const name of names) {
    texts.push(condition[name]);
    const period = condition[name.replace(/DateTime$/, 'Period')];
    if (isRecord(period)) texts.push(period.start, period.end);
  }
  return texts.flatMap((t) => {
    // A leap second (:60), which FHIR allows and Date.parse does not read, as :59.
    const time = typeof t === 'string' ? Date.parse(t.replace(/(T\d{2}:\d{2}:)60/, '$159')) : NaN;
    return Number.isNaN(time) ? [] : [time];
  });
}

/**
 * Each body site's codes (trimmed, lower-cased, whatever their system: the service reads a
 * SNOMED CT code under its OID too) and text, lower-cased.
 */
function siteKeys(condition: Json): Set<string> {
  const sites = Array.isArray(condition.bodySite) ? condition.bodySite : [];
  const keys = new Set<string>();
  for (const site of sites) {
    if (!isRecord(site)) continue;
    const codings = Array.isArray(site.coding) ? site.coding : [];
    for (const c of codings)
      if (isRecord(c) && typeof c.code === 'string') keys.add(c.code.trim().toLowerCase());
    if (typeof site.text === 'string') keys.add(site.text.trim().toLowerCase());
  }
  return keys;
}
