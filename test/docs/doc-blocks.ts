/**
 * The fenced blocks of a docs page, parsed simply (a fence line, an info string of
 * `lang key=value …`, the body up to the closing fence), for the tests that write a page's
 * files and compare what the program prints with the page's output blocks.
 */

export interface DocBlock {
  lang: string;
  attrs: ReadonlyMap<string, string>;
  body: string;
}

export function fencedBlocks(markdown: string, page: string): DocBlock[] {
  const blocks: DocBlock[] = [];
  let open: { lang: string; attrs: Map<string, string>; lines: string[] } | undefined;
  for (const line of markdown.split('\n')) {
    if (open) {
      if (/^```\s*$/.test(line)) {
        blocks.push({ lang: open.lang, attrs: open.attrs, body: `${open.lines.join('\n')}\n` });
        open = undefined;
      } else open.lines.push(line);
      continue;
    }
    const fence = /^```(\S*)/.exec(line);
    if (fence) {
      const attrs = new Map<string, string>();
      for (const token of line.slice(fence[0].length).split(/\s+/).filter(Boolean)) {
        const at = token.indexOf('=');
        if (at > 0) attrs.set(token.slice(0, at), token.slice(at + 1));
      }
      open = { lang: fence[1] ?? '', attrs, lines: [] };
    }
  }
  if (open) throw new Error(`${page}: a fenced block is not closed`);
  return blocks;
}

/** The one block whose info string has `key=value`. */
export function blockWith(blocks: readonly DocBlock[], key: string, value: string): DocBlock {
  const found = blocks.filter((b) => b.attrs.get(key) === value);
  if (found.length !== 1 || !found[0])
    throw new Error(`expected one block with ${key}=${value}, found ${String(found.length)}`);
  return found[0];
}
