/**
 * What the explain trace advises for a code the rules did not read because of its system, in
 * steps a site can take (H93). Adding the code to a value set is the step for a code system
 * the value sets do not use (WHO ICD-10, a local system: docs/configuring.md). It cannot be the
 * step for a near miss of a known system that the rules do not read
 * (`http://hl7.org/fhir/sid/ICD-10-CM`, `http://www.snomed.info/sct`), for a system that is no
 * URI (`ICD-10-CM`), or for a code with no system: `validate` refuses a value set naming such
 * a system, and a value set cannot hold a code without one. There the feed must change. The
 * backtest's "codes not read" section gives the same advice per code system (systemFeedFix).
 */
import { systemName } from './read-spellings.js';
import type { Terminology } from './terminology.js';

/** Named one by one up to this many. */
const NAMED_AT_MOST = 3;

/**
 * The feed's fix when `system` is one no value set may name: a near miss the rules do not read,
 * or not a URI. Undefined for a system a value set may name (or that is read as it is).
 */
function feedFix(system: string, terminology: Terminology): string | undefined {
  const spelling = terminology.spellingOf(system);
  if (spelling.kind === 'looks-like') {
    const preferred = terminology.canonicalSystem(spelling.known);
    const what =
      spelling.miss === 'path'
        ? `is a path below ${systemName(preferred)}'s URI`
        : spelling.miss === 'concepts'
          ? `names ${systemName(preferred)}'s concepts`
          : `only looks like ${systemName(preferred)}'s URI`;
    return `"${system}" ${what}, and is not read as it: correct the feed or its interface mapping to send ${preferred} (no value set may name "${system}": validate refuses it)`;
  }
  if (spelling.kind !== 'not-uri') return undefined;
  const meant =
    spelling.meant === undefined ? '' : `, ${terminology.canonicalSystem(spelling.meant)} it seems`;
  return `"${system}" is not a URI, which no value set may name: correct the feed or its interface mapping to send the code system's URI${meant}`;
}

/** What a code with no system needs, in the trace and the backtest alike. */
const NO_SYSTEM_FIX = 'a code with no system can be in no value set: the feed must send its system';

/**
 * The feed's fix for codes in `system` (trimmed; undefined: codes with no system), when no
 * value set may hold them; undefined when adding them to a value set is the step. For the
 * backtest's list of code systems not read, so that it advises what the trace advises.
 */
export function systemFeedFix(
  system: string | undefined,
  terminology: Terminology,
): string | undefined {
  return system === undefined ? NO_SYSTEM_FIX : feedFix(system, terminology);
}

/** The feed's fixes for the distinct systems that need one, the first few named. */
function feedFixes(systems: readonly (string | undefined)[], terminology: Terminology): string[] {
  const fixes = new Set<string>();
  for (const system of new Set(systems)) {
    const fix = system === undefined ? undefined : feedFix(system, terminology);
    if (fix !== undefined) fixes.add(fix);
  }
  const named = [...fixes].slice(0, NAMED_AT_MOST);
  if (fixes.size > NAMED_AT_MOST)
    named.push(
      `and ${String(fixes.size - NAMED_AT_MOST)} more such systems to correct in the feed`,
    );
  return named;
}

/**
 * The trace's advice for codes in systems no value set uses: the feed's fix for each system
 * that needs one, and `otherwise` (adding the codes to a value set) when any code is in a
 * system a value set may name. Systems are trimmed; an absent one is a code with no system.
 */
export function unreadSystemAdvice(
  systems: readonly (string | undefined)[],
  terminology: Terminology,
  otherwise: string,
): string {
  const advice = feedFixes(systems, terminology);
  if (systems.includes(undefined)) advice.push(NO_SYSTEM_FIX);
  const addable = systems.some(
    (system) => system !== undefined && feedFix(system, terminology) === undefined,
  );
  if (addable) advice.push(otherwise);
  return advice.join('; ');
}

/**
 * What a line that advises adding codes to a value set adds for the codes it cannot be done
 * for, their system being a near miss not read or no URI: "; <the feed's fix>", or ''.
 */
export function feedFixNote(
  codes: readonly { system: string | undefined }[],
  terminology: Terminology,
): string {
  const fixes = feedFixes(
    codes.map((c) => c.system),
    terminology,
  );
  return fixes.length === 0 ? '' : `; ${fixes.join('; ')}`;
}
