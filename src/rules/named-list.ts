/**
 * A list the explain trace names item by item up to a bound, then counts: "a, b, c, and 4
 * more". A record may hold any number of odd codings; a trace line stays readable.
 */
export function firstNamed(words: readonly string[], atMost: number): string {
  const more = words.length - atMost;
  return more > 0
    ? `${words.slice(0, atMost).join(', ')}, and ${String(more)} more`
    : words.join(', ');
}

/**
 * One trace line per item up to a bound, then one line counting the rest: "and 4 more
 * `rest`". A record may hold any number of studies passed over; the trace stays readable.
 */
export function linesAtMost<T>(
  items: readonly T[],
  atMost: number,
  line: (item: T) => string,
  rest: string,
): string[] {
  const lines = items.slice(0, atMost).map(line);
  const more = items.length - atMost;
  return more > 0 ? [...lines, `and ${String(more)} more ${rest}`] : lines;
}
