/**
 * The text a lit template shows, without a browser: its strings and values in order, tags
 * dropped (a paragraph or block as a space), white space collapsed, as a reader sees it.
 */
import type { TemplateResult } from 'lit';

function isTemplate(value: unknown): value is TemplateResult {
  return typeof value === 'object' && value !== null && 'strings' in value && 'values' in value;
}

function markup(value: unknown): string {
  if (isTemplate(value))
    return value.strings.reduce(
      (text, part, i) => text + part + (i < value.values.length ? markup(value.values[i]) : ''),
      '',
    );
  if (Array.isArray(value)) return value.map(markup).join('');
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  return '';
}

export function templateText(template: unknown): string {
  return markup(template)
    .replace(/<\/?(?:p|div)\b[^<>]*>/g, ' ')
    .replace(/<[^<>]*>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
