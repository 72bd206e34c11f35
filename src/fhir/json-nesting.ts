/**
 * How deep JSON text nests, read before JSON.parse is given it. JSON.parse spends about a
 * microsecond on each level of nesting, 250 times its cost per character of ordinary FHIR
 * JSON: a 5 KB gzip request body that inflated to 4.8 MB of `[[[[…` (2.4 million levels) held
 * the event loop 3.8 s, and a 15.6 KB gzip FHIR answer of 16 MB, 8 million levels, 76 s, the
 * FHIR time budget powerless while it ran. Every request body (../http/json-body.ts) and every
 * FHIR answer and JWKS (./response-limit.ts) is read here first, and refused when it nests
 * deeper than MAX_JSON_DEPTH.
 *
 * The same pass counts the objects and arrays, and refuses text holding more than
 * MAX_JSON_CONTAINERS: JSON.parse spends about half a microsecond on each (32 MiB of `{},`
 * took 8 s, of `[],` 5.5 s, where 32 MiB of FHIR Conditions, a container every 40 bytes, took
 * 0.3 s; 2026-12-07, session 38), so once BODY_LIMIT rose to 32 MiB (H120) a body of empty
 * objects would have held the event loop six times longer than the worst 5 MB body had.
 *
 * One pass, no allocation: brackets are counted outside strings; a string's content is
 * skipped to its closing quote, one not escaped (preceded by an even run of backslashes).
 * The text is not validated: JSON.parse does that after, and refuses text that does not
 * balance at its first wrong bracket.
 */

/**
 * The deepest nesting of objects and arrays read: 128 levels. FHIR JSON nests about 10 deep
 * (Bundle, entry, resource, evidence, detail, …), 20 with extensions within extensions or a
 * Bundle within a Bundle, and a CDS Hooks request adds 3 (prefetch, key, Bundle). The JSON
 * readers of FHIR servers stop sooner: .NET's System.Text.Json and Json.NET, under the Firely
 * SDK, at 64 by default.
 */
export const MAX_JSON_DEPTH = 128;

/**
 * The most objects and arrays read in one text: 1.5 million, about what 5 MB of `{},` holds
 * (the worst a body under the old BODY_LIMIT could be), so JSON.parse spends at most about a
 * second on them. FHIR JSON holds one every 40–80 bytes (a Condition's codings and periods; a
 * study's instances): 32 MiB of it, the most read, holds under 900,000.
 */
export const MAX_JSON_CONTAINERS = 1_500_000;

/** Why text is refused before JSON.parse: it nests too deep, or holds too many containers. */
export type JsonShapeProblem = 'too-deep' | 'too-many-containers';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/**
 * Whether `text` nests objects and arrays deeper than `maxDepth`, or holds more of them than
 * `maxContainers`. Strings are skipped with `indexOf`, which on ordinary FHIR JSON (mostly
 * strings) costs half what reading each of their characters would.
 */
export function jsonShapeProblem(
  text: string,
  maxDepth: number = MAX_JSON_DEPTH,
  maxContainers: number = MAX_JSON_CONTAINERS,
): JsonShapeProblem | undefined {
  let depth = 0;
  let containers = 0;
  const length = text.length;
  for (let i = 0; i < length; i += 1) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      const end = closingQuote(text, i + 1);
      // An unterminated string: nothing after it nests; JSON.parse refuses it.
      if (end === -1) return undefined;
      i = end;
    } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      depth += 1;
      containers += 1;
      if (depth > maxDepth) return 'too-deep';
      if (containers > maxContainers) return 'too-many-containers';
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) depth -= 1;
  }
  return undefined;
}

/** The index of the quote that closes a string whose content starts at `from`, or -1. */
function closingQuote(text: string, from: number): number {
  let quote = text.indexOf('"', from);
  while (quote !== -1 && isEscaped(text, quote, from)) quote = text.indexOf('"', quote + 1);
  return quote;
}

/** Whether the character at `at` follows an odd run of backslashes, counted back to `from`. */
function isEscaped(text: string, at: number, from: number): boolean {
  let before = at - 1;
  while (before >= from && text.charCodeAt(before) === BACKSLASH) before -= 1;
  return (at - 1 - before) % 2 === 1;
}

/**
 * The same count over bytes that arrive in chunks (UTF-8: the bytes of a character beyond
 * ASCII are all 0x80 or more, so never a quote, a backslash or a bracket). A string's bytes
 * are passed over in a loop of their own, which on FHIR answers costs half what one loop
 * asking at each byte whether it is in a string did, and less than making each chunk a
 * string to search with `indexOf`.
 */
export class JsonNestingReader {
  readonly maxDepth: number;
  readonly maxContainers: number;
  /** Why the reader refused the bytes, once it has. */
  problem: JsonShapeProblem | undefined;
  #depth = 0;
  #containers = 0;
  /** The last chunk ended inside a string. */
  #inString = false;
  /** …on a backslash, which escapes the first byte of the next chunk. */
  #escaping = false;

  constructor(maxDepth: number = MAX_JSON_DEPTH, maxContainers: number = MAX_JSON_CONTAINERS) {
    this.maxDepth = maxDepth;
    this.maxContainers = maxContainers;
  }

  /**
   * Reads the next chunk; true once the bytes so far nest deeper than `maxDepth` or hold more
   * than `maxContainers` objects and arrays (`problem` says which; the reader is then done
   * with: the answer is refused).
   */
  nestsTooDeep(chunk: Uint8Array): boolean {
    const length = chunk.length;
    // An empty chunk changes nothing, not even an escape waiting for its byte.
    if (length === 0) return false;
    const max = this.maxDepth;
    const maxContainers = this.maxContainers;
    let depth = this.#depth;
    let containers = this.#containers;
    let inString = this.#inString;
    let i = this.#escaping ? 1 : 0;
    this.#escaping = false;
    while (i < length) {
      if (inString) {
        // To the closing quote, stepping over each escaped byte.
        for (;;) {
          if (i >= length) {
            this.#escaping = i > length;
            break;
          }
          const byte = chunk[i];
          i += 1;
          if (byte === QUOTE) {
            inString = false;
            break;
          }
          if (byte === BACKSLASH) i += 1;
        }
        continue;
      }
      const byte = chunk[i];
      i += 1;
      if (byte === QUOTE) inString = true;
      else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
        depth += 1;
        containers += 1;
        if (depth > max) {
          this.problem = 'too-deep';
          return true;
        }
        if (containers > maxContainers) {
          this.problem = 'too-many-containers';
          return true;
        }
      } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) depth -= 1;
    }
    this.#depth = depth;
    this.#containers = containers;
    this.#inString = inString;
    return false;
  }
}
