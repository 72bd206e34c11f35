/** What the memo keeps for a result of `undefined`. */
const NOTHING: unique symbol = Symbol('nothing');

/**
 * A memo of a pure function of a string, for readings worked out from request data (a code's
 * spelling, a status, a text): each string is worked out once, and since a client may send any
 * number of strings, of any length, the memo holds at most `limit` of them, each no longer than
 * `longestKey` characters, and starts again when full. A longer string is worked out each time
 * and never kept: a status text of a million characters, kept with its reading, held about 4 MB,
 * and a client sending a new one a call grew the heap to its limit (probe round 7b). The texts
 * worth keeping are the short ones real records repeat ("Active", "Multiple myeloma").
 * A result of `undefined` is kept too (most strings read as nothing: the common case to skip).
 */
export function boundedMemo<T>(
  limit: number,
  work: (key: string) => T,
  longestKey = LONGEST_KEY_KEPT,
): (key: string) => T {
  // `undefined` is kept as NOTHING, so that a string read as nothing is one lookup, not a
  // `get` and then a `has` (each hashing a string fresh from the request: issue #15).
  const kept = new Map<string, T | typeof NOTHING>();
  return (key) => {
    if (key.length > longestKey) return work(key);
    const known = kept.get(key);
    if (known === NOTHING) return undefined as T;
    if (known !== undefined) return known;
    const result = work(key);
    if (kept.size >= limit) kept.clear();
    kept.set(key, result === undefined ? NOTHING : result);
    return result;
  };
}

/** The longest string a memo keeps by default: codes and statuses are shorter (FHIR's code). */
const LONGEST_KEY_KEPT = 256;
