/**
 * A memo of a pure function of a string, for readings worked out from request data (a code's
 * spelling, a status, a text): each string is worked out once, and since a client may send any
 * number of strings, the memo holds at most `limit` of them and starts again when full. A result
 * of `undefined` is kept too (most strings read as nothing: that is the common case to skip).
 */
export function boundedMemo<T>(limit: number, work: (key: string) => T): (key: string) => T {
  const kept = new Map<string, T>();
  return (key) => {
    const known = kept.get(key);
    if (known !== undefined || kept.has(key)) return known as T;
    const result = work(key);
    if (kept.size >= limit) kept.clear();
    kept.set(key, result);
    return result;
  };
}
