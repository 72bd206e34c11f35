/**
 * Where a problem sits in a YAML file a site writes (the config file, a wording file), so that
 * it is written at its line and column (../issue-lines.ts has the one way every such problem is
 * written), e.g. `emd-cds.yaml:12:14 rules.emd-cns.indicator: Invalid option: expected one of …`.
 * A value-set file is JSON, which YAML 1.2 reads too: its problems are placed the same way
 * (./value-set-checks.ts).
 */
import {
  LineCounter,
  isAlias,
  isMap,
  isNode,
  isPair,
  isScalar,
  parseDocument,
  visit,
  type Document,
} from 'yaml';
import type { z } from 'zod';
import { issueProblems, problemAt, problemLine } from '../issue-lines.js';
import { unknownKeyHint } from './key-suggestion.js';

/** A file's text parsed with its positions, for naming where a problem is. */
export interface PositionedText {
  file: string;
  document: Document;
  lineCounter: LineCounter;
}

type Path = readonly (string | number)[];

/** What to do, after the YAML parser's words, for the mistakes a hand-edited file makes most. */
const SYNTAX_HINTS: Partial<Record<string, string>> = {
  DUPLICATE_KEY: ': this key is given a second time here; keep one, with every setting under it',
  TAB_AS_INDENT: ': indent with spaces',
};

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
    const hint = SYNTAX_HINTS[error.code] ?? '';
    return `${file}${at ? `:${String(at.line)}:${String(at.col)}` : ''} ${message}${hint}`;
  });
  return { source: { file, document, lineCounter }, syntax };
}

/** A problem at `path` in `source`, pointed at the deepest part of the path the file has. */
export function problemIn(source: PositionedText, path: Path, message: string): string {
  return problemAt(source.file, positionOf(source, path), path, message);
}

/**
 * zod's issues, one line each, at the key or value each names (each unknown key at itself,
 * with the key `schema` suggests in its place).
 */
export function describeIssues(
  source: PositionedText,
  issues: readonly z.core.$ZodIssue[],
  schema: z.ZodType,
): string[] {
  return issues.flatMap(issueProblems).map(({ path, message, unknownKey }) => {
    if (!unknownKey) return problemAt(source.file, positionOf(source, path), path, message);
    const where = keyPosition(source, unknownKey.map, unknownKey.key);
    const hint = unknownKeyHint(schema, unknownKey.map, unknownKey.key);
    return problemAt(source.file, where, path, `${message}${hint}`);
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

/**
 * Each YAML anchor (`&name`) and alias (`*name`) of a file a site writes, refused where it is:
 * an alias repeats settings out of sight, so a change under one key (a rule, a template)
 * would change another that no diff of the change record shows, and `<<: *name` is read as a
 * key of its own (YAML 1.2 has no merge keys). Write each setting out where it applies.
 */
export function anchorProblems(source: PositionedText): string[] {
  const problems: string[] = [];
  const say = (offset: number | undefined, what: string) => {
    const where = offset === undefined ? undefined : source.lineCounter.linePos(offset);
    problems.push(
      problemLine(
        source.file,
        where,
        `${what}: YAML anchors and aliases are not accepted here; write the settings out under each key, so that a change under one is not a change under another that the change record does not show`,
      ),
    );
  };
  visit(source.document, (_key, node, path) => {
    if (isAlias(node)) say(node.range?.[0], `the alias *${node.source}`);
    else if (isNode(node) && node.anchor) {
      // A map's range starts at its first key, past the anchor: said at the key that holds it.
      const pair = path.at(-1);
      const key = isPair(pair) && pair.value === node && isNode(pair.key) ? pair.key : node;
      say(key.range?.[0], `the anchor &${node.anchor}`);
    }
  });
  return problems;
}
