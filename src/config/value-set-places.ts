/**
 * A problem found when the value sets are compiled (src/rules/compile-terminology.ts: a url
 * defined twice, a value set included but not loaded, a filter), written as the problems found
 * before compiling are (./value-set-checks.ts): `file:line:col message`. The rules layer says
 * which value set and where in it; this layer knows the file each came from, and parses it
 * again, with the YAML parser the positions come from, only when it has a problem.
 */
import { problemLine } from '../issue-lines.js';
import type { TerminologyError, ValueSetPlace } from '../rules/terminology.js';
import type { ValueSetFile } from './value-set-checks.js';
import { parsePositioned, positionOf } from './yaml-position.js';

/**
 * The problem at the first place the error names, with the others after it (`also at
 * file:line:col`); `value sets: message` when it names none (a role's value set not loaded).
 */
export function terminologyProblem(
  error: TerminologyError,
  files: readonly ValueSetFile[],
): string {
  const [first, ...others] = error.places.flatMap((place) => placeOf(place, files));
  if (!first) return `value sets: ${error.message}`;
  const also = others.length > 0 ? ` (also at ${others.map(locationText).join(', ')})` : '';
  return problemLine(first.file, first.where, `${error.message}${also}`);
}

interface Located {
  file: string;
  where: { line: number; col: number } | undefined;
}

function placeOf({ valueSet, path }: ValueSetPlace, files: readonly ValueSetFile[]): Located[] {
  const valueSetFile = files[valueSet];
  if (!valueSetFile) return [];
  const { source } = parsePositioned(valueSetFile.text, valueSetFile.file);
  return [{ file: valueSetFile.file, where: positionOf(source, path) }];
}

const locationText = ({ file, where }: Located): string =>
  where ? `${file}:${String(where.line)}:${String(where.col)}` : file;
