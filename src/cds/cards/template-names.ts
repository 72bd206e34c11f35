/** The names a parsed Mustache template refers to, for the wording checks at load. */

/** Every name a template refers to; partials as `>name`. */
export function templateNames(tokens: readonly unknown[]): string[] {
  const names: string[] = [];
  for (const token of tokens as [string, string, number, number, unknown[]?][]) {
    const [type, value, , , children] = token;
    if (type === 'name' || type === '&' || type === '#' || type === '^') names.push(value);
    if (type === '>') names.push(`>${value}`);
    if (children) names.push(...templateNames(children));
  }
  return names;
}
