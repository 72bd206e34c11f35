/**
 * A lit template's words and attribute values as one string, for the timeline's and console's
 * views tested in Node, where there is no DOM to render into: what a template would put on the
 * page, in order, without its markup's meaning. `nothing` and other non-text values give "".
 */
interface TemplateLike {
  strings: readonly string[];
  values: readonly unknown[];
}

const isTemplate = (value: unknown): value is TemplateLike =>
  typeof value === 'object' && value !== null && 'strings' in value && 'values' in value;

export function templateText(value: unknown): string {
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map(templateText).join('');
  if (!isTemplate(value)) return '';
  const { strings, values } = value;
  return strings
    .map((part, i) => part + (i < values.length ? templateText(values[i]) : ''))
    .join('');
}
