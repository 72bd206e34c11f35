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
