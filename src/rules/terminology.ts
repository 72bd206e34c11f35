/**
 * Code matching for the rules (rules page §2 "Codes"): a code matches by system + code,
 * systems are recognised under their URI or OID (from NamingSystem resources), and
 * ICD-10-CM matches with or without its dot. Value sets are compiled once, at load, into
 * sets of normalised keys (./compile-terminology.ts) so every lookup during evaluation is a
 * hash lookup. A record's code that matches nothing as sent is read through its spelling
 * (zero-width or full-width characters: ./code-spelling.ts, H97).
 */
import { codeRead, NEEDS_READING, readingOf, snomedIdUnpadded } from './code-spelling.js';
import { MAY_HOLD_VALUES, modalityReadingOf } from './modality-reading.js';
import {
  noticeCodeReading,
  noticeExpressionReading,
  noticeModalityReading,
  noticeSpelling,
  noticeSystemlessModality,
  SystemReader,
  type ReadSpelling,
} from './read-spellings.js';
import { expressionOf, MAY_BE_EXPRESSION, SNOMED_CT } from './snomed-expression.js';
import type { SystemSpelling } from './system-spelling.js';
import type { ValueSetPath } from './value-set-concepts.js';
import { roleBit, type RoleSet, type ValueSetRole } from './value-set-roles.js';

export const ICD_10_CM = 'http://hl7.org/fhir/sid/icd-10-cm';
export const ICD_O_3 = 'http://terminology.hl7.org/CodeSystem/icd-o-3';
/** DICOM's controlled terminology, the system of the modalities (rules page §5). */
export const DICOM = 'http://dicom.nema.org/resources/ontology/DCM';

export interface CodingLike {
  system?: string | undefined;
  code?: string | undefined;
  display?: string | undefined;
}

/**
 * Where in the value sets compiled a problem is: the value set's index in the list given to
 * the compiler, and the place in it (`['compose', 'include', 0, 'filter']`). The config layer,
 * which knows each value set's file, names the file, line and column from it.
 */
export interface ValueSetPlace {
  valueSet: number;
  path: ValueSetPath;
}

/**
 * A value set that cannot be compiled. `places`: where the problem is (the value in question
 * first, then any other place it involves, such as a url's first definition); empty when it
 * is in no value set (a role's URL that no value set has).
 */
export class TerminologyError extends Error {
  override readonly name = 'TerminologyError';
  readonly places: readonly ValueSetPlace[];

  constructor(message: string, places: readonly ValueSetPlace[] = []) {
    super(message);
    this.places = places;
  }
}

/** A code some value set holds: its key and, one bit per role, the value sets holding it. */
interface KnownCode {
  key: string;
  roles: number;
  /** The value sets' name for it (the first `display` given), for a record that gives none. */
  display: string | undefined;
}

/** Compiled, immutable terminology: system aliases and value-set membership. */
export class Terminology {
  readonly #aliases: ReadonlyMap<string, string>;
  /** The aliases' near misses, read as they are (H93); each system string worked out once. */
  readonly #reader: SystemReader;
  /**
   * The systems' other names (DSTU2's URI for DICOM, DICOM's designator `DCM`): read as the
   * system, off the common path, so that the trace names each (H116).
   */
  readonly #otherNames: ReadonlyMap<string, ReadSpelling>;
  /**
   * Canonical system → normalised code → the code's key and roles. Two lookups by the
   * strings as they arrive answer every role, with no key string built per coding: a call
   * matches each of thousands of codings against a dozen value sets (issue #15).
   */
  readonly #codesBySystem: ReadonlyMap<string, ReadonlyMap<string, KnownCode>>;
  readonly #concepts: ReadonlyMap<ValueSetRole, readonly CodingLike[]>;
  readonly #urls: Readonly<Record<ValueSetRole, string>>;
  readonly #knownSystems: ReadonlySet<string>;
  readonly #conditionCodeSystems: ReadonlySet<string>;
  readonly #siteCodeSystems: ReadonlySet<string>;
  /**
   * ICD-10-CM only: each category or subcategory above a value-set code (normalised, without
   * its dot: `C900`, `C90`) → the value-set codes under it, as the files write them. ICD-10-CM
   * is built by prefix (C90.0 "Multiple myeloma" heads C90.00, C90.01, C90.02); SNOMED CT and
   * LOINC codes are identifiers, and a prefix of one means nothing.
   */
  readonly #icdCodesUnder: ReadonlyMap<string, readonly string[]>;
  /** Each code string's last plain reading and the system string it was read under (#known). */
  readonly #plainReadings = new Map<string, { system: string; known: KnownCode | undefined }>();

  constructor(
    aliases: ReadonlyMap<string, string>,
    concepts: ReadonlyMap<ValueSetRole, readonly CodingLike[]>,
    urls: Readonly<Record<ValueSetRole, string>>,
    /**
     * Every system the roles' value sets use; those a Condition's code may be read in; and
     * the aliases that are other names of a system (→ what they are, for the trace).
     */
    systems: {
      any: ReadonlySet<string>;
      conditionCodes: ReadonlySet<string>;
      siteCodes: ReadonlySet<string>;
      otherNames?: ReadonlyMap<string, string>;
    },
  ) {
    const otherNames = new Map<string, ReadSpelling>();
    for (const [system, how] of systems.otherNames ?? []) {
      const preferred = aliases.get(system);
      if (preferred !== undefined)
        otherNames.set(system, { system, preferred, miss: 'other-name', how });
    }
    this.#otherNames = otherNames;
    this.#aliases = new Map([...aliases].filter(([system]) => !otherNames.has(system)));
    this.#reader = new SystemReader(aliases);
    this.#concepts = concepts;
    const codesBySystem = new Map<string, Map<string, KnownCode>>();
    for (const [role, codings] of concepts)
      for (const { system, code, display } of codings) {
        if (!system || !code) continue;
        const canonical = this.canonicalSystem(system.trim());
        const normalised = normaliseCode(canonical, code);
        let codes = codesBySystem.get(canonical);
        if (!codes) codesBySystem.set(canonical, (codes = new Map<string, KnownCode>()));
        const named = display?.trim() ? display.trim() : undefined;
        const known = codes.get(normalised);
        if (known) {
          known.roles |= roleBit(role);
          known.display ??= named;
        } else
          codes.set(normalised, {
            key: `${canonical}|${normalised}`,
            roles: roleBit(role),
            display: named,
          });
      }
    this.#codesBySystem = codesBySystem;
    this.#icdCodesUnder = icdCodesUnder(concepts, (system) => this.canonicalSystem(system));
    this.#urls = urls;
    this.#knownSystems = systems.any;
    this.#conditionCodeSystems = systems.conditionCodes;
    this.#siteCodeSystems = new Set(
      [...systems.siteCodes].map((system) => this.canonicalSystem(system.trim())),
    );
  }

  /**
   * The preferred URI of a system given by URI or `urn:oid:`, or by an unmistakable spelling
   * of one (https, a trailing slash, a bare OID, SNOMED CT's edition URI: ./system-spelling.ts),
   * which the evaluation's trace then names (H93).
   */
  canonicalSystem(system: string): string {
    return this.#aliases.get(system) ?? this.#readAs(system);
  }

  /** Off the common path: only a system that is not one of the aliases as written gets here. */
  #readAs(system: string): string {
    const read = this.#otherNames.get(system) ?? this.#reader.readAs(system);
    if (read === undefined) return system;
    noticeSpelling(read);
    return read.preferred;
  }

  /**
   * How a record's `system` is spelled against the known code systems' URIs and OIDs, for the
   * advice of a trace line about a code not read (./system-advice.ts).
   */
  spellingOf(system: string): SystemSpelling {
    return this.#reader.spellingOf(system.trim());
  }

  /** The key a coding is matched by, or undefined when it lacks a system or code. */
  keyOf(coding: CodingLike): string | undefined {
    if (!coding.system || !coding.code) return undefined;
    const known = this.#known(coding);
    if (known === undefined) return keyFor(this.canonicalSystem(coding.system.trim()), coding.code);
    if (!MAY_BE_EXPRESSION.test(coding.code) || !known.key.startsWith(`${SNOMED_CT}|`))
      return known.key;
    // A refined expression read by its focus (H128) is of the focus's class, but a left and a
    // right meningeal lesion are two sites: its key keeps the refinement, terms and blanks
    // dropped, so that only the same expression however spaced is the same site.
    const reading = expressionOf(codeRead(coding.code));
    return reading?.kind === 'focus' && reading.refinement !== undefined
      ? `${known.key}:${reading.refinement}`
      : known.key;
  }

  /**
   * The value sets' entry for this coding's code, if any holds it; builds no string. A code and
   * system read plainly (as sent, nothing noticed for the trace) are kept, by the code's string:
   * a record repeats a few codes thousands of times, each coding with strings of its own fresh
   * from the request, and the code's is short (JSON.parse has hashed it), where reading the
   * system's hashes a long URI anew each time (issue #15). The kept system is compared as a
   * string, so a code sent under two systems is read again when its system changes.
   */
  #known(coding: CodingLike | null | undefined): KnownCode | undefined {
    // Some codings are read as untyped data (a report's category): anything may be here.
    const system: unknown = coding?.system;
    const code: unknown = coding?.code;
    if (typeof system !== 'string' || typeof code !== 'string' || !system || !code)
      return undefined;
    const kept = this.#plainReadings.get(code);
    if (kept !== undefined && kept.system === system) return kept.known;
    const trimmed = system.trim();
    const plainSystem = this.#aliases.get(trimmed);
    const canonical = plainSystem ?? this.#readAs(trimmed);
    const codes = this.#codesBySystem.get(canonical);
    const known = codes?.get(normaliseCode(canonical, code));
    if (known !== undefined || codes === undefined) {
      if (plainSystem !== undefined) this.#keepPlainReading(system, code, known);
      return known;
    }
    // A SNOMED CT code that missed and is no bare concept id may be an expression, read by its
    // focus concept (H128).
    if (canonical === SNOMED_CT && MAY_BE_EXPRESSION.test(code)) return knownByFocus(codes, code);
    // A SNOMED CT id padded with zeros, as a fixed-width column holds it (H149).
    const unpadded = canonical === SNOMED_CT ? knownUnpadded(codes, code) : undefined;
    if (unpadded !== undefined) return unpadded;
    // A clean code that missed is done; one with characters outside printable ASCII, or a
    // comma, may be a value-set code spelled otherwise (H97, H149).
    if (NEEDS_READING.test(code)) return knownAsRead(codes, canonical, code);
    if (plainSystem !== undefined) this.#keepPlainReading(system, code, undefined);
    return undefined;
  }

  /** Bounded, since codes are request data: starts again when full, as `normaliseCode`'s. */
  #keepPlainReading(system: string, code: string, known: KnownCode | undefined): void {
    if (code.length > LONGEST_CODE_KEPT) return;
    if (this.#plainReadings.size >= PLAIN_READINGS_KEPT) this.#plainReadings.clear();
    this.#plainReadings.set(code, { system, known });
  }

  /**
   * The value sets' name for this coding's code (their `display`), or undefined when no value
   * set holds it or names it: what a card calls a code the record gives no words for (H63).
   */
  displayOf(coding: CodingLike | null | undefined): string | undefined {
    return this.#known(coding)?.display;
  }

  /** True when the system is one the loaded terminology knows: a NamingSystem's, or any role's. */
  isKnownSystem(system: string | undefined): boolean {
    return system !== undefined && this.#knownSystems.has(this.canonicalSystem(system.trim()));
  }

  /**
   * True when a Condition's code in this system is "from a known system" (rules page §2 "Text
   * only"): a NamingSystem's, or one a myeloma, phase or finding value set uses. A hospital's
   * own system that only its site value sets use is not (H105): else a plasmacytoma coded in it
   * with a code in no value set, neither read nor text-only, raised no card at all.
   */
  isConditionCodeSystem(system: string | undefined): boolean {
    return (
      system !== undefined && this.#conditionCodeSystems.has(this.canonicalSystem(system.trim()))
    );
  }

  /**
   * True when a site value set (the typical-site lists too) uses this system: a report's
   * conclusion code in it, in no value set, is still a site (H115, ./reported-sites.ts).
   */
  isSiteSystem(system: string | undefined): boolean {
    return system !== undefined && this.#siteCodeSystems.has(this.canonicalSystem(system.trim()));
  }

  /**
   * The value-set codes an ICD-10-CM category or subcategory heads, when the coding is one
   * (C90.0 → C90.00, C90.01, C90.02); empty for any other coding. Not a match: ICD-10-CM asks
   * for the full code, and what else a category holds is in no value set (rules page §2). The
   * explain trace names such a code, which a record carries when it was exported without its
   * last character (./header-codes.ts).
   */
  icdCodesUnder(coding: CodingLike): readonly string[] {
    if (typeof coding.system !== 'string' || typeof coding.code !== 'string') return NONE;
    if (this.canonicalSystem(coding.system.trim()) !== ICD_10_CM) return NONE;
    return this.#icdCodesUnder.get(normaliseCode(ICD_10_CM, codeRead(coding.code))) ?? NONE;
  }

  /** Whether this one coding is in the value set playing `role`. */
  holds(role: ValueSetRole, coding: CodingLike | null | undefined): boolean {
    return ((this.#known(coding)?.roles ?? 0) & roleBit(role)) !== 0;
  }

  /**
   * Whether a study's or series' modality is in the value set playing `role`. A modality with
   * no system is read as DICOM's (H98): R4 binds ImagingStudy.modality and series.modality to
   * DICOM's modalities (CID 29), so a bare `PT` there has one meaning; the trace says so. Only
   * the DICOM codes of the value set count for it, never its SNOMED CT or LOINC ones. A DICOM
   * modality is read as DICOM writes its values (H116, ./modality-reading.ts): `PT\CT` holds
   * PT and CT, `pt` is PT; the trace says so too.
   */
  holdsModality(role: ValueSetRole, coding: CodingLike | null | undefined): boolean {
    if (this.holds(role, coding)) return true;
    const code: unknown = coding?.code;
    const system: unknown = coding?.system;
    if (typeof code !== 'string') return false;
    const systemless = typeof system !== 'string' || system.trim() === '';
    // Most modalities that missed are another role's (a CT asked whether it is PET): done.
    if (!systemless && !MAY_HOLD_VALUES.test(code)) return false;
    const dicom = this.canonicalSystem(DICOM);
    if (typeof system === 'string' && !systemless && this.canonicalSystem(system.trim()) !== dicom)
      return false;
    const reading = modalityReadingOf(code);
    const values = reading?.values ?? [codeRead(code).trim()];
    const codes = this.#codesBySystem.get(dicom);
    const bit = roleBit(role);
    const held = values.some(
      (value) => ((codes?.get(normaliseCode(dicom, value))?.roles ?? 0) & bit) !== 0,
    );
    if (!held) return false;
    if (systemless) noticeSystemlessModality(code, values.join(' and '), dicom);
    if (reading !== undefined) noticeModalityReading(reading);
    return true;
  }

  /** The first coding in the value set playing `role`, if any. */
  match(role: ValueSetRole, codings: readonly CodingLike[] | undefined): CodingLike | undefined {
    if (!codings) return undefined;
    for (const coding of codings) if (this.holds(role, coding)) return coding;
    return undefined;
  }

  /**
   * Every value set holding one of the codings, in one lookup per coding: what a Condition's
   * code is, classified once per call and asked about role after role (issue #15).
   */
  rolesOf(codings: readonly CodingLike[] | undefined): RoleSet {
    let roles = 0;
    for (const coding of codings ?? []) roles |= this.#known(coding)?.roles ?? 0;
    return roles;
  }

  /** The value set's concepts in file order (system canonical, code normalised): the first is
   * what the service writes when it proposes an order. */
  conceptsOf(role: ValueSetRole): readonly CodingLike[] {
    return this.#concepts.get(role) ?? [];
  }

  /** The canonical URL of the value set playing `role`, for the explain trace. */
  urlOf(role: ValueSetRole): string {
    return this.#urls[role];
  }
}

const NONE: readonly string[] = Object.freeze([]);

/** Codes longer than a SNOMED CT id (18 digits) with room to spare are read each time. */
const LONGEST_CODE_KEPT = 64;
const PLAIN_READINGS_KEPT = 4_096;

/**
 * The value sets' entry for a code that matched nothing as sent, read through its spelling
 * (./code-spelling.ts): noted for the trace when that reading is what made it match (H97).
 */
function knownAsRead(
  codes: ReadonlyMap<string, KnownCode>,
  canonical: string,
  code: string,
): KnownCode | undefined {
  const reading = readingOf(code);
  if (reading === undefined) return undefined;
  const known = codes.get(normaliseCode(canonical, reading.read));
  if (known !== undefined) noticeCodeReading(reading);
  return known;
}

/** The value sets' entry for a zero-padded SNOMED CT id, noted for the trace when it matched. */
function knownUnpadded(codes: ReadonlyMap<string, KnownCode>, code: string): KnownCode | undefined {
  const reading = snomedIdUnpadded(code);
  const known = reading === undefined ? undefined : codes.get(reading.read);
  if (reading !== undefined && known !== undefined) noticeCodeReading(reading);
  return known;
}

/**
 * The value sets' entry for a SNOMED CT expression's focus concept (./snomed-expression.ts),
 * noted for the trace when the reading made it match; an expression left unread (two focus
 * concepts, a context refinement) is noted when a value set holds a concept it names, so the
 * trace says why that site or finding was not read. A code that is no expression but was
 * spelled otherwise (H97) is read through its spelling.
 */
function knownByFocus(codes: ReadonlyMap<string, KnownCode>, code: string): KnownCode | undefined {
  const reading = expressionOf(codeRead(code));
  if (reading === undefined)
    return NEEDS_READING.test(code) ? knownAsRead(codes, SNOMED_CT, code) : undefined;
  const named = reading.kind === 'several' ? reading.foci : [reading.focus];
  const known = reading.kind === 'focus' ? codes.get(reading.focus) : undefined;
  if (known !== undefined || named.some((focus) => codes.has(focus)))
    noticeExpressionReading(reading);
  return known;
}

/** Shortest ICD-10-CM category: a letter and two digits. */
const ICD_CATEGORY_LENGTH = 3;

/** Every ICD-10-CM category and subcategory above a value-set code → the codes under it. */
function icdCodesUnder(
  concepts: ReadonlyMap<ValueSetRole, readonly CodingLike[]>,
  canonicalSystem: (system: string) => string,
): ReadonlyMap<string, readonly string[]> {
  // Head → normalised code → the code as a value set writes it (C90.00 and C9000 are one).
  const under = new Map<string, Map<string, string>>();
  for (const codings of concepts.values())
    for (const { system, code } of codings) {
      if (!system || !code || canonicalSystem(system.trim()) !== ICD_10_CM) continue;
      const normalised = normaliseCode(ICD_10_CM, code);
      for (let end = ICD_CATEGORY_LENGTH; end < normalised.length; end += 1) {
        const head = normalised.slice(0, end);
        let codes = under.get(head);
        if (!codes) under.set(head, (codes = new Map<string, string>()));
        if (!codes.has(normalised)) codes.set(normalised, code.trim());
      }
    }
  return new Map([...under].map(([head, codes]) => [head, [...codes.values()].sort()]));
}

/**
 * ICD-10-CM's own spelling of a code however a record wrote it (`c900`, `C90.0`, `Ｃ９０．０` →
 * `C90.0`): the forms that match as one code (rules page §2, H97) written one way, with the
 * dot after the category.
 */
export function icd10CmSpelling(code: string): string {
  const bare = normaliseCode(ICD_10_CM, codeRead(code));
  return bare.length > ICD_CATEGORY_LENGTH
    ? `${bare.slice(0, ICD_CATEGORY_LENGTH)}.${bare.slice(ICD_CATEGORY_LENGTH)}`
    : bare;
}

/** The key a code is compared by: canonical system and normalised code. */
export function keyFor(canonicalSystem: string, code: string): string {
  return `${canonicalSystem}|${normaliseCode(canonicalSystem, code)}`;
}

/**
 * ICD-10-CM codes compare without the dot and case-insensitively (C90.00 = C9000); ICD-O-3
 * morphology codes with or without the "M" (or "M-") that ICD-O-3 writes before them, and
 * with or without the slash before the behaviour digit, as pathology and cancer-registry
 * systems export them (M9732/3 = M-97323 = 97323 = 9732/3; H57, H73).
 */
export function normaliseCode(system: string, code: string): string {
  const trimmed = code.trim();
  if (system === ICD_O_3) {
    const morphology = ICD_O_3_MORPHOLOGY.exec(trimmed);
    return morphology ? `${morphology[1]}/${morphology[2]}` : trimmed;
  }
  if (system !== ICD_10_CM || !NEEDS_ICD_REWRITE.test(trimmed)) return trimmed;
  // Hospitals export ICD-10-CM with the dot, so most codes need the rewrite, and a record
  // repeats a few codes thousands of times: remember the last few thousand rewrites (issue #15).
  let rewritten = icdRewrites.get(trimmed);
  if (rewritten === undefined) {
    rewritten = trimmed.replace(/\./g, '').toUpperCase();
    if (icdRewrites.size >= ICD_REWRITES_KEPT) icdRewrites.clear();
    icdRewrites.set(trimmed, rewritten);
  }
  return rewritten;
}
const NEEDS_ICD_REWRITE = /[.a-z]/;
/** Four histology digits and the behaviour digit, nothing else: only a morphology is rewritten. */
const ICD_O_3_MORPHOLOGY = /^(?:[Mm]-?)?(\d{4})\/?(\d)$/;
/** Bounded, so codes sent by clients cannot grow it without limit. */
const ICD_REWRITES_KEPT = 4_096;
const icdRewrites = new Map<string, string>();
