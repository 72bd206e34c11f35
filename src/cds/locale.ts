/**
 * Which wording a card is written in, from the request's Accept-Language (RFC 9110 §12.5.4):
 * the most preferred language we have. Chinese in Simplified script (`zh`, `zh-Hans`,
 * `zh-SG`, `zh-Hans-*`) is served as `zh-CN`; a regional variant of a language we have
 * without a region (`en-GB`) as that language; anything else gets the configured default.
 */
// A Map, not an object literal: the tag is the caller's text, and `constructor` or
// `__proto__` would find Object.prototype's members in a plain object (a 500 for that call).
const ALIASES: ReadonlyMap<string, string> = new Map([
  ['zh', 'zh-CN'],
  ['zh-hans', 'zh-CN'],
  ['zh-sg', 'zh-CN'],
  ['zh-hans-cn', 'zh-CN'],
  ['zh-hans-sg', 'zh-CN'],
]);

export function selectLocale(
  acceptLanguage: string | undefined,
  available: readonly string[],
  fallback: string,
): string {
  const byLower = new Map(available.map((locale) => [locale.toLowerCase(), locale]));
  for (const tag of preferredTags(acceptLanguage)) {
    const exact = byLower.get(tag);
    if (exact) return exact;
    const alias = ALIASES.get(tag);
    if (alias && byLower.has(alias.toLowerCase())) return alias;
    const language = byLower.get(tag.split('-')[0] ?? '');
    if (language) return language;
  }
  return fallback;
}

/** Language tags in order of preference (highest q first; q=0 means "not this one"). */
function preferredTags(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/i.exec(p)?.[1]).find(Boolean);
      return { tag: tag.trim().toLowerCase(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.tag !== '' && entry.tag !== '*' && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((entry) => entry.tag);
}
