/**
 * Where a problem sits in a YAML file a site writes (the config file, a wording file), so that
 * it is written at its line and column (../issue-lines.ts has the one way every such problem is
 * written), e.g. `emd-cds.yaml:12:14 rules.emd-cns.indicator: Invalid option: expected one of …`.
 * A value-set file is JSON, which YAML 1.2 reads too: its problems are placed the same way
 * (./value-set-checks.ts).
 */
import { LineCounter, isMap, isNode, isScalar, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { issueProblems, problemAt } from '../issue-lines.js';

/** A file's text parsed with its positions, for naming where a problem is. */
export interface PositionedText {
  file: string;
  document: Document;
  lineCounter: LineCounter;
}

type Path = readonly (string | number)[];

/**
 * The text parsed, duplicate keys refused; `syntax` holds one `file:line:col message` line per
 * YAML syntax error. Nothing else can be checked in a file that does not parse.
 */
export function parsePositioned(
  text: string,
  file: string,
): { source: PositionedText; syntax: string[] } {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true });
  const syntax = document.errors.map((error) => {
    const at = error.linePos?.[0];
    const message = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    return `${file}${at ? `:${String(at.line)}:${String(at.col)}` : ''} ${message}`;
  });
  return { source: { file, document, lineCounter }, syntax };
}

/** A problem at `path` in `source`, pointed at the deepest part of the path the file has. */
export function problemIn(source: PositionedText, path: Path, message: string): string {
  return problemAt(source.file, positionOf(source, path), path, message);
}

/** zod's issues, one line each, at the key or value each names (each unknown key at itself). */
export function describeIssues(
  source: PositionedText,
  issues: readonly z.core.$ZodIssue[],
): string[] {
  return issues.flatMap(issueProblems).map(({ path, message, unknownKey }) => {
    const where = unknownKey
      ? keyPosition(source, unknownKey.map, unknownKey.key)
      : positionOf(source, path);
    return problemAt(source.file, where, path, message);
  });
}

/** The position of `key` in the map at `path`. */
function keyPosition(
  source: PositionedText,
  path: readonly string[],
  key: string,
): { line: number; col: number } | undefined {
  const map = source.document.getIn(path, true);
  if (isMap(map)) {
    const pair = map.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
    if (isScalar(pair?.key) && pair.key.range) return source.lineCounter.linePos(pair.key.range[0]);
  }
  return positionOf(source, path);
}

/** The position of the deepest node along `path` that the file has: a missing key, its parent. */
export function positionOf(
  { document, lineCounter }: PositionedText,
  path: Path,
): { line: number; col: number } | undefined {
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const node = document.getIn(
      path
        .slice(0, depth)
        .map((key) => (typeof key === 'string' && /^\d+$/.test(key) ? Number(key) : key)),
      true,
    );
    if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]);
  }
  return undefined;
}
