/**
 * Codes as the explain trace names them when it says which codes it read and found in no value
 * set: `code in system`, each once, the first few named. Code and system only: no display or
 * text, which a record may fill with words of its own. A code written with no system can
 * match no value set (rules page §2 "Codes": system + code), and a site cannot add it to one.
 */
import { visibly } from './code-spelling.js';
import { firstNamed } from './named-list.js';
import { hasCode } from './text-only.js';
import type { CodingLike } from './terminology.js';
import type { UnreadCode } from './unread-kinds.js';

/** Named one by one up to this many; a record listing more is counted. */
const NAMED_AT_MOST = 5;

/** A coding's system and code as a site would add them to a value set: trimmed. */
export function unreadCodeOf(coding: CodingLike): UnreadCode {
  return { system: coding.system?.trim() || undefined, code: (coding.code ?? '').trim() };
}

/**
 * A coding the trace names with its display, as the value set matched it:
 * `76848001 (Pericardial structure)`.
 */
export function codeWithDisplay(coding: CodingLike): string {
  return `${coding.code ?? ''}${coding.display ? ` (${coding.display})` : ''}`;
}

/** A coding in no value set, trimmed as unreadCodeOf does, its code named with its display. */
export function unreadCodeWithDisplay(coding: CodingLike): UnreadCode {
  const { code, system } = unreadCodeOf(coding);
  return { code: `${code}${coding.display ? ` (${coding.display})` : ''}`, system };
}

/**
 * "69536005 in http://snomed.info/sct", "HEAD in no system"; "C90.000\u200B in …" for a code
 * holding a character a reader would not see (H97).
 */
export function codeInSystem({ code, system }: UnreadCode): string {
  return `${visibly(code)} in ${system ?? 'no system'}`;
}

/** The codings that carry a code, trimmed, each system + code once, in record order. */
export function writtenCodes(codings: readonly CodingLike[]): UnreadCode[] {
  const seen = new Set<string>();
  const codes: UnreadCode[] = [];
  for (const coding of codings) {
    if (!hasCode(coding)) continue;
    const code = unreadCodeOf(coding);
    const key = `${code.system ?? ''}|${code.code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    codes.push(code);
  }
  return codes;
}

/** "69536005 in http://snomed.info/sct, HEAD in no system". */
export function codeWords(codes: readonly UnreadCode[]): string {
  return firstNamed(codes.map(codeInSystem), NAMED_AT_MOST);
}

/** What the trace adds when some of the codes name no system: empty when none does. */
export function systemlessNote(codes: readonly UnreadCode[]): string {
  const systemless = codes.filter((c) => c.system === undefined).map((c) => c.code);
  if (systemless.length === 0) return '';
  const which = firstNamed(systemless, NAMED_AT_MOST);
  return `; ${which} ${systemless.length === 1 ? 'has' : 'have'} no code system, so no value set can hold ${systemless.length === 1 ? 'it' : 'them'}: the source must send each code with its system`;
}
