/**
 * Fuzzing that remembers (issue #19). Every property run prints its seed, so any run can be
 * replayed (`FUZZ_SEED=<seed> npm run fuzz`). A counterexample is saved under
 * test/fuzz/regressions/, one JSON file per test, and every later run of that test tries the
 * saved cases first (fast-check `examples`), so a bug found once is checked for ever after:
 * commit the file with the fix.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { expect } from 'vitest';
import { PROJECT_ROOT } from '../../src/config/project-paths.js';
import { numRuns } from './arbitraries.js';

export const REGRESSIONS_DIR = join(PROJECT_ROOT, 'test', 'fuzz', 'regressions');

/** One saved counterexample: enough to read it, replay it, and find where it came from. */
export interface SavedCounterexample {
  test: string;
  seed: number;
  path: string;
  foundAt: string;
  error: string;
  /** The property's arguments as JSON (fast-check `examples`); null when they are not JSON. */
  counterexample: unknown[] | null;
  /** fast-check's own rendering, for people. */
  shown: string;
}

/**
 * fc.assert with a printed seed, saved counterexamples and their replay. `params.examples`
 * (hand-written regressions) are kept and run first.
 */
export async function assertProperty<Ts extends unknown[]>(
  property: fc.IAsyncPropertyWithHooks<Ts> | fc.IPropertyWithHooks<Ts>,
  params: fc.Parameters<Ts> = {},
): Promise<void> {
  const test = expect.getState().currentTestName ?? 'unnamed property';
  const file = join(REGRESSIONS_DIR, `${slugOf(test)}.json`);
  const saved = readSaved(file);
  const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : randomSeed();
  const runs = params.numRuns ?? numRuns;
  console.info(
    `fuzz: "${test}": seed ${String(seed)}, ${String(runs)} runs, ${String(saved.length)} saved case(s); replay with FUZZ_SEED=${String(seed)}`,
  );
  const examples = [
    ...(params.examples ?? []),
    ...saved.flatMap((s) => (s.counterexample ? [s.counterexample as Ts] : [])),
  ];
  const details = await fc.check(property, { ...params, numRuns: runs, seed, examples });
  if (!details.failed) return;
  const where = save(file, test, details);
  throw new Error(`${fc.defaultReportMessage(details) ?? 'property failed'}\n${where}`);
}

function save<Ts>(file: string, test: string, details: fc.RunDetails<Ts>): string {
  const found: SavedCounterexample = {
    test,
    seed: details.seed,
    path: details.counterexamplePath ?? '',
    foundAt: new Date().toISOString(),
    error: messageOf(details.errorInstance).slice(0, 2000),
    counterexample: asJson(details.counterexample),
    shown: fc.stringify(details.counterexample).slice(0, 20_000),
  };
  try {
    mkdirSync(REGRESSIONS_DIR, { recursive: true });
    writeFileSync(file, `${JSON.stringify([...readSaved(file), found], null, 2)}\n`);
    return `counterexample saved as a regression case in ${file}: commit it with the fix`;
  } catch (error) {
    return `the counterexample could not be saved (${String(error)}); seed ${String(details.seed)}, path ${found.path}`;
  }
}

function readSaved(file: string): SavedCounterexample[] {
  if (!existsSync(file)) return [];
  return JSON.parse(readFileSync(file, 'utf8')) as SavedCounterexample[];
}

/** The arguments as plain JSON, when they survive the trip unchanged. */
function asJson(value: unknown): unknown[] | null {
  try {
    const text = stringify(value);
    return text === undefined ? null : (JSON.parse(text) as unknown[]);
  } catch {
    return null;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : (stringify(error) ?? '');
}

/** JSON.stringify as it behaves: undefined (and functions) give undefined, not a string. */
const stringify = JSON.stringify as (value: unknown) => string | undefined;

function randomSeed(): number {
  return Math.floor(Math.random() * 0x7fffffff);
}

const slugOf = (name: string): string =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 120);
