/**
 * A Condition coded with a national or local EXTENSION of a value-set code, sent under the
 * standard system's URI (H109): China's national clinical edition extends ICD-10 by suffixes
 * (`C90.000`, `C90.200x001`), and its ICD-O-3 adds a fifth morphology digit (`97320/3`,
 * `M97320/3`). Rules page §2: a code matches by system + code, so such a code is in no value
 * set; its system is a known one, so the Condition is not text-only either, and nothing named
 * it (§6: never drop a finding silently). Which value-set code an extension means is the site's
 * decision, so the service does not read it as one: the explain trace names the Condition, the
 * code as written and the value-set code it extends, and says what to do (docs/configuring.md,
 * example h). The trace only: no card, no level, changes; as ./header-codes.ts does for H76.
 */
import { codeRead, visibly } from './code-spelling.js';
import { certaintyOf } from './condition-status.js';
import type { RecordEntry } from './patient-record.js';
import { ICD_10_CM, ICD_O_3, icd10CmSpelling, type Terminology } from './terminology.js';
import type { RuleSettings, TraceLine } from './types.js';
import type { UnreadCondition } from './unread-kinds.js';
import { inRole, VALUE_SET_ROLES, type RoleSet } from './value-set-roles.js';

/** A Condition coded with an extension: the code as written, and the value-set code it extends. */
export interface ExtensionCoded extends UnreadCondition {
  kind: 'codeExtension';
  /** The code as the record wrote it, for the trace. */
  written: string;
  /** The value-set code it extends, as its system writes it (`C90.20`, `9732/3`). */
  extended: string;
  systemName: 'ICD-10-CM' | 'ICD-O-3';
  /** The value sets holding the extended code: where the site would add the extension. */
  roles: RoleSet;
  /**
   * An ICD-O-3 morphology written without its behaviour digit (`9734` for 9734/3, H152): not
   * an extension but a shortening, named in its own words; the same advice holds.
   */
  withoutBehaviour?: true;
}

/**
 * The Condition as extension-coded, if it is in no value set (the caller knows), one of its
 * codes extends a value-set code, and it is not refuted or entered in error.
 */
export function extensionCoded(
  entry: RecordEntry<fhir4.Condition>,
  settings: RuleSettings,
): ExtensionCoded | undefined {
  for (const coding of entry.resource.code?.coding ?? []) {
    const found = extensionOf(coding, settings.terminology);
    if (found === undefined) continue;
    if (certaintyOf(entry.resource, settings.statusWords) === 'excluded') return undefined;
    return { entry, kind: 'codeExtension', ...found };
  }
  return undefined;
}

/** What a coding's code extends: the code as written and read, and the value-set code. */
export type CodeExtension = Omit<ExtensionCoded, 'entry' | 'kind'>;

/** The value-set code a coding's ICD-10-CM or ICD-O-3 code extends, if it extends one. */
export function extensionOf(
  coding: fhir4.Coding,
  terminology: Terminology,
): CodeExtension | undefined {
  if (typeof coding.system !== 'string' || typeof coding.code !== 'string') return undefined;
  const system = terminology.canonicalSystem(coding.system.trim());
  const read = codeRead(coding.code).trim();
  const found =
    system === ICD_10_CM
      ? icd10CmExtended(read, terminology)
      : system === ICD_O_3
        ? icdO3Extended(read, terminology)
        : undefined;
  if (found === undefined) return undefined;
  const isIcd = system === ICD_10_CM;
  return {
    // Counted as the project reads it: C90.200x001 and C90200X001 are one ICD-10-CM code.
    codes: [{ system, code: isIcd ? icd10CmSpelling(read) : read }],
    written: coding.code.trim(),
    extended: found.extended,
    systemName: isIcd ? 'ICD-10-CM' : 'ICD-O-3',
    roles: found.roles,
    ...(found.withoutBehaviour ? { withoutBehaviour: true } : {}),
  };
}

interface Extended {
  extended: string;
  roles: RoleSet;
  withoutBehaviour?: true;
}

/** Shortest ICD-10-CM category: a letter and two digits. */
const ICD_CATEGORY_LENGTH = 3;
/** What an extension adds: letters and digits (`0`, `x001`), never a separator or a blank. */
const ICD_BARE = /^[A-Z0-9]+$/;

/**
 * The longest value-set code that the code, read as ICD-10-CM is read (no dot, any case),
 * begins with and adds characters to: `C90.200x001` → C90.20, also where a site listed the
 * category C90.2 (H76) or the extension C90.200x001 itself. A code under a value-set code a
 * site listed as a category (C79.49 under C79.4) is named too: not an extension, but the
 * advice holds, and naming it is safer than a silence that depends on a site's lists.
 */
function icd10CmExtended(read: string, terminology: Terminology): Extended | undefined {
  // Most codes in no value set (I10, E11.65) are under no category of ours: one look-up, and
  // no rewritten string, for each (a long record holds thousands; performance-log.md §14).
  const category = read.slice(0, ICD_CATEGORY_LENGTH);
  if (terminology.icdCodesUnder({ system: ICD_10_CM, code: category }).length === 0)
    return undefined;
  const bare = read.replace(/\./g, '').toUpperCase();
  if (bare.length <= ICD_CATEGORY_LENGTH || !ICD_BARE.test(bare)) return undefined;
  for (let end = bare.length - 1; end >= ICD_CATEGORY_LENGTH; end -= 1) {
    const head = { system: ICD_10_CM, code: bare.slice(0, end) };
    const roles = terminology.rolesOf([head]);
    if (roles === 0) continue;
    return { extended: icd10CmSpelling(head.code), roles };
  }
  return undefined;
}

/**
 * Four morphology digits, one digit more, the slash and the behaviour digit, with or without
 * ICD-O-3's `M` or `M-` before them (H57): `97320/3`, `M97320/3` extend 9732/3. Without the
 * slash, six digits are not read as an extension: `973203` is no morphology spelling at all.
 */
const ICD_O_3_EXTENDED = /^(?:[Mm]-?)?(\d{4})\d\/(\d)$/;

/** Four morphology digits alone, with or without `M` (H152): `9734`, `M9734`, `M-9734`. */
const ICD_O_3_NO_BEHAVIOUR = /^(?:[Mm]-?)?(\d{4})$/;
/**
 * The behaviour digits ICD-O-3 writes (0 benign, 1 uncertain, 2 in situ, 3 malignant primary,
 * 6 metastatic, 9 uncertain whether primary or metastatic), in that order.
 */
const BEHAVIOURS = ['0', '1', '2', '3', '6', '9'];

function icdO3Extended(read: string, terminology: Terminology): Extended | undefined {
  const bare = ICD_O_3_NO_BEHAVIOUR.exec(read)?.[1];
  if (bare !== undefined) return icdO3WithBehaviour(bare, terminology);
  const parts = ICD_O_3_EXTENDED.exec(read);
  if (!parts) return undefined;
  const extended = `${parts[1] ?? ''}/${parts[2] ?? ''}`;
  const roles = terminology.rolesOf([{ system: ICD_O_3, code: extended }]);
  return roles === 0 ? undefined : { extended, roles };
}

/**
 * The value-set code a morphology without its behaviour digit stands above: the first
 * behaviour under which a value set holds it (9734 → 9734/3). Which one the record meant is
 * not guessed: the trace names the code, as for an extension.
 */
function icdO3WithBehaviour(morphology: string, terminology: Terminology): Extended | undefined {
  for (const behaviour of BEHAVIOURS) {
    const extended = `${morphology}/${behaviour}`;
    const roles = terminology.rolesOf([{ system: ICD_O_3, code: extended }]);
    if (roles !== 0) return { extended, roles, withoutBehaviour: true };
  }
  return undefined;
}

/**
 * The trace line naming an extension-coded Condition, the code it extends and what to do:
 * "… add C90.200x001 to the extramedullaryPlasmacytoma value set if it means C90.20, or have
 * the feed send C90.20".
 */
export function extensionCodeLine(coded: ExtensionCoded): TraceLine {
  return {
    reference: coded.entry.reference,
    message: `${extensionWords(coded)}: its code was not read, so it is neither myeloma nor a finding; ${extensionAdvice(coded)}`,
  };
}

/** "ICD-10-CM C90.200x001 extends value-set code C90.20 … and is in no loaded value set". */
export function extensionWords({
  written,
  extended,
  systemName,
  withoutBehaviour,
}: CodeExtension): string {
  if (withoutBehaviour)
    return `${systemName} ${visibly(written)} is a morphology without its behaviour digit, above value-set code ${extended} (H152), and is in no loaded value set`;
  return `${systemName} ${visibly(written)} extends value-set code ${extended} with characters of its own (a national or local extension), and is in no loaded value set`;
}

/** "add C90.200x001 to the … value set if it means C90.20, or have the feed send C90.20 …". */
export function extensionAdvice({ written, extended, roles }: CodeExtension): string {
  const names = VALUE_SET_ROLES.filter((role) => inRole(roles, role));
  const where =
    names.length === 1
      ? `the ${names.join('')} value set`
      : `the ${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''} value sets`;
  const add = codeRead(written).trim();
  return `add ${add} to ${where} if it means ${extended}, or have the feed send ${extended} (docs/configuring.md, example h)`;
}
