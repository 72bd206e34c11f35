/**
 * Keys given twice in one object of a JSON file a site edits by hand: a value set (two
 * `"compose"` keys, two `"code"` keys in a concept), the issuers file. RFC 8259 §4 says the
 * names of an object SHOULD be unique and that readers then differ; JSON.parse keeps the last
 * copy and drops the others without a word, so half a value set would be ignored, and a
 * site's plasmacytoma codes with it. Every copy after the first is named at its line and
 * column, with the first, found with the YAML parser the positions of every other problem in
 * these files come from (JSON is YAML 1.2). Here, at the bottom of the layers, because
 * config/ (value sets) and auth/ (the issuers file) both read such files.
 */
import { LineCounter, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { problemLine } from './issue-lines.js';
import { pathText } from './path-text.js';

type Path = readonly (string | number)[];

/**
 * One line per repeated key, `file:line:col path is given twice …`; none for a clean file.
 * `value` is the text as JSON.parse read it (the caller has parsed it already).
 */
export function repeatedKeyProblems(file: string, text: string, value: unknown): string[] {
  if (keysInText(text) === keysInValue(value)) return [];
  const lineCounter = new LineCounter();
  // JSON.parse has read the text already; only the keys are wanted here, so no YAML error counts.
  const document = parseDocument(text, { lineCounter, uniqueKeys: false });
  const problems: string[] = [];
  const at = (offset: number) => lineCounter.linePos(offset);
  const walk = (node: unknown, path: Path): void => {
    if (isSeq(node))
      node.items.forEach((item, i) => {
        walk(item, [...path, i]);
      });
    if (!isMap(node)) return;
    const first = new Map<string, number>();
    for (const { key, value } of node.items) {
      if (!isScalar(key) || !key.range) continue;
      const name = String(key.value);
      const seen = first.get(name);
      if (seen === undefined) first.set(name, key.range[0]);
      else problems.push(repeated(file, [...path, name], at(key.range[0]), at(seen)));
      walk(value, [...path, name]);
    }
  };
  walk(document.contents, []);
  return problems;
}

function repeated(
  file: string,
  path: Path,
  where: { line: number; col: number },
  first: { line: number; col: number },
): string {
  return problemLine(
    file,
    where,
    `${pathText(path)} is given twice in one object (first at ${file}:${String(first.line)}:${String(first.col)}): a JSON reader keeps only the last copy and ignores the other without a word; merge the two into one`,
  );
}

/**
 * The cheap answer first: a text with as many keys as its parsed value has no key twice in an
 * object, so the YAML parse that places each repeat (about 60 ms for the shipped value sets,
 * at every start and every reload) is needed only when the counts differ. In a JSON text a quote outside a string always opens one, so scanning string by string from
 * the start meets every string whole; a key is a string with a colon after it.
 */
const STRING_TOKEN = /"(?:[^"\\]|\\.)*"(\s*:)?/g;

function keysInText(text: string): number {
  let keys = 0;
  for (const match of text.matchAll(STRING_TOKEN)) if (match[1] !== undefined) keys++;
  return keys;
}

/** Keys in the value, nested ones too. */
function keysInValue(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + keysInValue(item), 0);
  if (value === null || typeof value !== 'object') return 0;
  return Object.values(value).reduce((sum: number, item) => sum + 1 + keysInValue(item), 0);
}
