/**
 * Escaping record text for card Markdown (CDS Hooks 2.0: `detail` is GitHub-flavoured
 * Markdown; pitfall 7 of ../shared/spec/cds-hooks.md: emit no raw HTML). Text from the
 * record is folded onto one line and every character that could start markup is escaped,
 * so a site named `<img src=x onerror=…>` or `**urgent**` shows as typed.
 */
const INLINE_MARKUP = /[\\`*_{}[\]()<>#!|~&"]/g;

export function escapeMarkdown(text: string): string {
  return plainText(text)
    .replace(INLINE_MARKUP, (char) => `\\${char}`)
    .replace(/^([-+=])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/** Single-line text for a summary: no line breaks or control characters. */
// eslint-disable-next-line no-control-regex -- stripping control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f\u2028\u2029]+/g;

export function plainText(text: string): string {
  return text.replace(CONTROL_CHARACTERS, ' ').replace(/\s+/g, ' ').trim();
}
