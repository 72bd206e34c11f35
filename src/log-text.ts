/**
 * Outside text for a log line or a message (a token's claim, a request path, what a key
 * server answered, a `kid`): as long as its sender made it, so cut to its start, which names
 * what an operator needs, with a marker saying the rest was cut and how long it was. At the
 * bottom of the layers (docs/architecture.md): http/ and auth/ both cut text so.
 */

/** The most characters of one logged value; a URL an EHR really sends is far shorter. */
export const MAX_LOGGED_CHARACTERS = 200;

/** `text`, cut to its first `maxCharacters` (MAX_LOGGED_CHARACTERS unless said). */
export function textForLog(text: string, maxCharacters = MAX_LOGGED_CHARACTERS): string {
  if (text.length <= maxCharacters) return text;
  // Not between the two halves of a surrogate pair: the log would hold half a character.
  const last = text.charCodeAt(maxCharacters - 1);
  const end = last >= 0xd800 && last <= 0xdbff ? maxCharacters - 1 : maxCharacters;
  return `${text.slice(0, end)}…[cut: ${String(text.length)} characters]`;
}
