/**
 * The backtest's "codes not read" section: the patients with a diagnosis the rules read as
 * nothing, by kind (docs/clinical-safety.md H74: coded only in a system no value set uses;
 * H76: an ICD-10-CM category above value-set codes; H109: a national or local extension of a
 * value-set code, under the standard system), and the codes most of them carry. A
 * dry run names such a Condition for one patient; over a population the count says how many
 * myeloma patients a site's coding hides, and the codes say what to add (docs/configuring.md,
 * example h), or, for a system no value set may name (H93), what the feed must send instead, in
 * the explain trace's words. For unknown systems the report also counts the patients per
 * system, before the codes: where a site's every diagnosis is in a system the service does not
 * know, its most frequent codes are hypertension and diabetes, and the fact to act on is the
 * system itself.
 * Codes and systems are counted in full per batch, so tallies merge by addition; only the
 * report keeps the most frequent codes. Patients are listed, by id, only with --show-ids.
 */
import { UNREAD_KINDS, type UnreadCode, type UnreadKind } from '../rules/unread-kinds.js';

/** What each kind counts, in the words of the explain trace (H74, H76, H109). */
export const KIND_WORDS = {
  unknownSystem: 'coded only in a code system no value set uses',
  icd10cmCategory: 'an ICD-10-CM category above value-set codes',
  codeExtension: 'a national or local extension of a value-set code (ICD-10-CM, ICD-O-3)',
} as const satisfies Record<UnreadKind, string>;

/**
 * What a reader must know to read the count right: where it was looked for, and for an
 * extension what to do, which the explain trace says per Condition (H109).
 */
export const KIND_NOTES = {
  unknownSystem: ' (looked for in patients with no myeloma read, as the explain trace does)',
  icd10cmCategory: '',
  codeExtension:
    ' (add each code to the value set of the code it extends if it means that code, or have the feed send that code; evaluate --explain names it)',
} as const satisfies Record<UnreadKind, string>;

/** What the unknown systems' counts are for: a system is added whole, not code by code. */
export const SYSTEMS_WORDS =
  "per code system; add each one's myeloma and plasmacytoma codes (docs/configuring.md, example h)";

/**
 * SYSTEMS_WORDS, and when some system's codes cannot be added (a look-alike of a known URI, no
 * URI, no system: H93), that its line says what the feed must send instead.
 */
export function systemsWords(systems: readonly SystemCount[] | undefined): string {
  return systems?.some((s) => s.feedFix !== undefined)
    ? `${SYSTEMS_WORDS}, except where its line says the feed must change`
    : SYSTEMS_WORDS;
}

/** What the section's first line adds when some system's codes cannot be added (H93). */
export function feedFixWords(section: CodesNotReadReport): string {
  return section.unknownSystem.systems?.some((s) => s.feedFix !== undefined)
    ? ', or correct the feed where a code system says so'
    : '';
}

/** Codes listed per kind, most patients first. */
const TOP_CODES = 10;

/** A code of a Condition the rules did not read, and why. */
export interface CodeNotRead extends UnreadCode {
  kind: UnreadKind;
}

interface KindTally {
  patients: number;
  /** `JSON.stringify([system, code])` → patients with that code. */
  codes: Record<string, number>;
  /** Patient ids, only when the run lists them (--show-ids). */
  patientIds: string[];
}

export interface CodesNotReadTally {
  /** Patients with at least one such Condition, of either kind. */
  patients: number;
  byKind: Record<UnreadKind, KindTally>;
  /**
   * `JSON.stringify(system ?? null)` → patients with an unknownSystem code in it: a patient
   * counts once under each system its such Conditions are coded in.
   */
  unknownSystems: Record<string, number>;
}

export interface CodeCount {
  /** Absent when the record's coding names no system. */
  system?: string;
  code: string;
  patients: number;
}

export interface KindReport {
  patients: number;
  /** Distinct codes of this kind; the first TOP_CODES are listed. */
  distinctCodes: number;
  topCodes: CodeCount[];
  patientIds?: string[];
}

export interface SystemCount {
  /** Absent for codings that name no system. */
  system?: string;
  patients: number;
  /**
   * What the feed must send instead, when no value set may hold the system's codes: a
   * look-alike of a known URI that is not read as it, a system that is no URI, or none at all
   * (H93). The explain trace's words (src/rules/system-advice.ts). Absent when adding the
   * codes to a value set is the step, and from a --json report written before it was said.
   */
  feedFix?: string;
}

/** The feed's fix for a system's codes (src/rules/system-advice.ts `systemFeedFix`). */
export type FeedFixOf = (system: string | undefined) => string | undefined;

export interface UnknownSystemReport extends KindReport {
  /**
   * Every system, most patients first. A patient coded in two counts under both, so these
   * may add up to more than `patients`. Absent from a --json report written before it was
   * counted.
   */
  systems?: SystemCount[];
}

export interface CodesNotReadReport {
  patients: number;
  unknownSystem: UnknownSystemReport;
  icd10cmCategory: KindReport;
  /**
   * H109. Absent from a --json report written before it was counted: --compare reads such a
   * report's count as unknown ("–").
   */
  codeExtension: KindReport;
}

const emptyKind = (): KindTally => ({ patients: 0, codes: {}, patientIds: [] });

export function emptyCodesNotRead(): CodesNotReadTally {
  return {
    patients: 0,
    byKind: {
      unknownSystem: emptyKind(),
      icd10cmCategory: emptyKind(),
      codeExtension: emptyKind(),
    },
    unknownSystems: {},
  };
}

/** One patient's codes: the patient counts once per kind and once per code. */
export function addCodesNotRead(
  tally: CodesNotReadTally,
  id: string | undefined,
  codes: readonly CodeNotRead[],
): void {
  if (codes.length === 0) return;
  tally.patients += 1;
  for (const kind of UNREAD_KINDS) {
    const ofKind = codes.filter((c) => c.kind === kind);
    if (ofKind.length === 0) continue;
    const counted = tally.byKind[kind];
    counted.patients += 1;
    if (id !== undefined) counted.patientIds.push(id);
    const keys = new Set(ofKind.map(({ system, code }) => JSON.stringify([system ?? null, code])));
    for (const key of keys) counted.codes[key] = (counted.codes[key] ?? 0) + 1;
    if (kind === 'unknownSystem') addTo(tally.unknownSystems, ofKind);
  }
}

/** The patient once under each system its codes are in. */
function addTo(systems: Record<string, number>, codes: readonly CodeNotRead[]): void {
  for (const key of new Set(codes.map(({ system }) => JSON.stringify(system ?? null))))
    systems[key] = (systems[key] ?? 0) + 1;
}

export function mergeCodesNotRead(into: CodesNotReadTally, from: CodesNotReadTally): void {
  into.patients += from.patients;
  for (const kind of UNREAD_KINDS) {
    const target = into.byKind[kind];
    const source = from.byKind[kind];
    target.patients += source.patients;
    for (const [key, patients] of Object.entries(source.codes))
      target.codes[key] = (target.codes[key] ?? 0) + patients;
    target.patientIds.push(...source.patientIds);
  }
  for (const [key, patients] of Object.entries(from.unknownSystems))
    into.unknownSystems[key] = (into.unknownSystems[key] ?? 0) + patients;
}

export function reportCodesNotRead(
  tally: CodesNotReadTally,
  showIds: boolean,
  feedFixOf: FeedFixOf,
): CodesNotReadReport {
  const kindReport = (
    { patients, codes, patientIds }: KindTally,
    systems?: SystemCount[],
  ): UnknownSystemReport => {
    const counts = Object.entries(codes).map(([key, count]): CodeCount => {
      const [system, code] = JSON.parse(key) as [string | null, string];
      return { ...(system === null ? {} : { system }), code, patients: count };
    });
    counts.sort(
      (a, b) =>
        b.patients - a.patients ||
        byCodeUnits(a.system ?? '', b.system ?? '') ||
        byCodeUnits(a.code, b.code),
    );
    return {
      patients,
      distinctCodes: counts.length,
      // Systems before the codes, in the JSON as in the table.
      ...(systems ? { systems } : {}),
      topCodes: counts.slice(0, TOP_CODES),
      ...(showIds ? { patientIds: [...patientIds].sort() } : {}),
    };
  };
  return {
    patients: tally.patients,
    unknownSystem: kindReport(
      tally.byKind.unknownSystem,
      systemCounts(tally.unknownSystems, feedFixOf),
    ),
    icd10cmCategory: kindReport(tally.byKind.icd10cmCategory),
    codeExtension: kindReport(tally.byKind.codeExtension),
  };
}

/**
 * Every system, most patients first; ties in code-unit order, "no system" first; each with the
 * feed's fix when its codes cannot be added to a value set.
 */
function systemCounts(systems: Record<string, number>, feedFixOf: FeedFixOf): SystemCount[] {
  const counts = Object.entries(systems).map(([key, patients]): SystemCount => {
    const system = JSON.parse(key) as string | null;
    const feedFix = feedFixOf(system ?? undefined);
    return {
      ...(system === null ? {} : { system }),
      patients,
      ...(feedFix === undefined ? {} : { feedFix }),
    };
  });
  return counts.sort(
    (a, b) => b.patients - a.patients || byCodeUnits(a.system ?? '', b.system ?? ''),
  );
}

/** Locale-free order, so every machine lists tied codes alike. */
const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
