/**
 * Links and heading anchors of a Markdown page, read with markdown-it (the parser the console
 * uses), so code blocks and inline code are not mistaken for links or headings.
 */
import MarkdownIt from 'markdown-it';

const parser = new MarkdownIt({ html: false });
type Token = ReturnType<typeof parser.parse>[number];

function inlineTokens(tokens: Token[]): Token[] {
  return tokens.flatMap((token) => (token.children ? [token, ...token.children] : [token]));
}

/** Every link target written in the page, as written. */
export function linkTargets(markdown: string): string[] {
  return inlineTokens(parser.parse(markdown, {}))
    .filter((token) => token.type === 'link_open')
    .map((token) => String(token.attrGet('href') ?? ''))
    .filter(Boolean);
}

/**
 * GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens;
 * a repeated heading gets `-1`, `-2`, ….
 */
export function headingAnchors(markdown: string): Set<string> {
  const tokens = parser.parse(markdown, {});
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  tokens.forEach((token, index) => {
    if (token.type !== 'heading_open') return;
    const text = (tokens[index + 1]?.children ?? [])
      .filter((child) => child.type === 'text' || child.type === 'code_inline')
      .map((child) => child.content)
      .join('');
    const slug = text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${String(count)}`);
  });
  return anchors;
}
