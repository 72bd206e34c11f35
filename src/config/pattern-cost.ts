/**
 * A configured text pattern timed on texts built to be its worst case (./pattern-texts.ts),
 * read as the rules read a Condition's text (../rules/text-reading.ts), inside `node:vm` with
 * a timeout, which interrupts a running match. scslre (./linear-pattern.ts) misses what is no
 * loop of its own: a `.*` run on to the end of the text from every occurrence, in a lookahead
 * or before a word (`plasmacytoma.*excluded`: 89 s on a 1 MB text), or a window of thousands
 * of characters (`[^.]{0,5000}plasmacytoma`: 23 s). docs/configuring.md says the limits.
 */
import vm from 'node:vm';
import type { AST } from '@eslint-community/regexpp';
import { NO_NEGATION } from '../rules/negation.js';
import { patternHit } from '../rules/text-reading.js';
import { culpritAdvice } from './pattern-culprit.js';
import { patternTexts, quantifiersOf, textOf, type PatternText } from './pattern-texts.js';

const SMALL = 10_000;
const LARGE = 100_000;
/**
 * Milliseconds a 100 KB text may cost. The built-in patterns take under 2 ms on every text
 * built from them on a quiet machine (worst 1.3 ms, best of two reads, 2026-12-07), but one
 * read 63 ms in the full test suite on two cores (session 38): the time of a read is the
 * machine's as much as the pattern's, so the limit sits far above any linear pattern, and
 * what it alone catches is a window of thousands (`[^.]{0,5000}`: 2.3 s) or a repeat of a
 * repeat (seconds on 10 KB). A quadratic pattern is caught by its growth (below) first.
 */
const MAX_LARGE_MS = 500;
/**
 * Below this a 100 KB text is cheap whatever its growth, which is then not measured: the
 * probe's quadratic patterns took 140–900 ms; a linear one under load, tens of milliseconds.
 */
const FLOOR_MS = 50;
/** Linear work grows ~10× from 10 KB to 100 KB, quadratic ~100×: 20× leaves room for noise. */
const MAX_GROWTH = 20;
/**
 * The vm's timeouts, in wall time, tried in turn while a run is stopped before MAX_LARGE_MS of
 * work: a machine others load gives this process a fraction of a core.
 */
const TIMEOUTS_MS = [MAX_LARGE_MS * 4, MAX_LARGE_MS * 40];
const SMALL_TRIES = 3;
const ROUNDS = 3;

interface Cost {
  ms: number;
  stopped: boolean;
}

type Read = (text: string) => unknown;

/**
 * Why matching `compiled` is too slow, or undefined when it is not; `pattern` is its syntax tree
 * (regexpp's, parsed once by the caller for scslre too: ./linear-pattern.ts).
 */
export function costReason(pattern: AST.Pattern, compiled: RegExp): string | undefined {
  const { flags } = compiled;
  const window = longWindowReason(pattern, flags);
  if (window) return window;
  const settings = { textOnlyPatterns: [compiled], textOnlyNegation: NO_NEGATION };
  const read: Read = (text) => patternHit({ text }, settings);
  const texts = patternTexts(pattern, flags);
  // The first reads of a new pattern compile it (V8 may even interpret it at first): untimed.
  for (const text of texts.slice(0, 2)) read(textOf(text, 1));
  for (const text of texts) {
    const found = judge(read, text);
    if (found) return `${found}: ${culpritAdvice(quantifiersOf(pattern, flags), text, flags)}`;
  }
  return undefined;
}

/**
 * The longest bounded repeat a configured pattern may hold: 200. The built-in patterns' longest
 * is 100 characters, and a sentence-bounded window of 60 reads a phrase; a repeat of thousands
 * costs its bound at every position of every text (`[^.]{0,5000}plasmacytoma`: 23 s on 1 MB).
 * Checked on the syntax tree, so it does not depend on the machine, as the timing does.
 */
const MAX_WINDOW = 200;

function longWindowReason(pattern: AST.Pattern, flags: string): string | undefined {
  const long = quantifiersOf(pattern, flags).find(
    (quantifier) => Number.isFinite(quantifier.max) && quantifier.max > MAX_WINDOW,
  );
  if (!long) return undefined;
  return `its \`${long.raw}\` reads up to ${String(long.max)} characters from every position, where ${String(MAX_WINDOW)} is the most one repeat may read: write a short window such as [^.;]{0,60}`;
}

/**
 * What is wrong with reading `text` at 100 KB, or undefined. Read once; only a text over
 * FLOOR_MS is read again, and at 10 KB, so that the check of a linear pattern stays cheap. A
 * limit is passed in two reads (the best counts); growth in every one of ROUNDS, each with
 * the best of the reads so far, as test/http/request-growth.ts measures a request's.
 */
function judge(read: Read, text: PatternText): string | undefined {
  const large = textOf(text, LARGE);
  let best = cost(read, large);
  if (best.ms < FLOOR_MS) return undefined;
  let found: string | undefined;
  for (let round = 0; round < ROUNDS; round++) {
    // Again: a collection, or another thread of this process, can land in one read.
    const again = cost(read, large);
    if (again.ms < best.ms) best = again;
    if (best.stopped || best.ms >= MAX_LARGE_MS) return overLimit(text, best);
    found = grownTooFast(read, text, best.ms);
    if (found === undefined) return undefined;
  }
  return found;
}

function overLimit(text: PatternText, { ms, stopped }: Cost): string {
  const limit = `where ${String(MAX_LARGE_MS)} ms is the limit`;
  if (stopped && ms < MAX_LARGE_MS)
    return `did not finish on a 100 KB text of ${textWords(text)} within ${String(TIMEOUTS_MS.at(-1))} ms, after ${String(Math.round(ms))} ms of work: the machine is too busy to tell; load the file again`;
  const took = `${stopped ? 'more than ' : ''}${String(Math.round(ms))} ms`;
  return `takes ${took} on a 100 KB text of ${textWords(text)}, ${limit}`;
}

function grownTooFast(read: Read, text: PatternText, largeMs: number): string | undefined {
  if (largeMs < FLOOR_MS) return undefined;
  const small = textOf(text, SMALL);
  let smallMs = Infinity;
  for (let i = 0; i < SMALL_TRIES; i++) smallMs = Math.min(smallMs, cost(read, small).ms);
  if (largeMs <= MAX_GROWTH * smallMs) return undefined;
  const times = Math.round(largeMs / Math.max(smallMs, 0.001));
  return `takes ${String(Math.round(largeMs))} ms on a 100 KB text of ${textWords(text)}, ${String(times)} times its time on 10 KB (linear time: 10 times)`;
}

/** `repeated "plasmacytoma " ending "excluded"`, shortened. */
function textWords(text: PatternText): string {
  const starting = text.prefix ? ` after ${JSON.stringify(shortened(text.prefix, 'end'))}` : '';
  const ending = text.suffix ? ` ending ${JSON.stringify(shortened(text.suffix, 'start'))}` : '';
  return `repeated ${JSON.stringify(shortened(text.unit, 'end'))}${starting}${ending}`;
}

const SHOWN = 24;
function shortened(words: string, cut: 'start' | 'end'): string {
  if (words.length <= SHOWN) return words;
  return cut === 'start' ? `…${words.slice(-SHOWN)}` : `${words.slice(0, SHOWN)}…`;
}

/**
 * Milliseconds of work reading `text`: the lesser of wall and CPU time (a busy machine makes
 * the one long, another thread of this process the other). `stopped` when a timeout stopped
 * the run after MAX_LARGE_MS of work, or the last timeout did.
 */
function cost(read: Read, text: string): Cost {
  let ms = 0;
  for (const timeout of TIMEOUTS_MS) {
    const run = runOnce(read, text, timeout);
    ms = run.ms;
    if (!run.timedOut) return { ms, stopped: false };
    if (ms >= MAX_LARGE_MS) break;
  }
  return { ms, stopped: true };
}

/** Made at the first check: a context costs milliseconds, and most starts check nothing. */
let sandbox: { context: vm.Context; script: vm.Script } | undefined;

function runOnce(read: Read, text: string, timeout: number): { ms: number; timedOut: boolean } {
  sandbox ??= { context: vm.createContext({}), script: new vm.Script('read(text)') };
  const { context, script } = sandbox;
  context.read = read;
  context.text = text;
  const cpuFrom = process.cpuUsage();
  const wallFrom = performance.now();
  let timedOut = false;
  try {
    script.runInContext(context, { timeout });
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw error;
    timedOut = true;
  } finally {
    context.read = undefined;
    context.text = undefined;
  }
  const cpu = process.cpuUsage(cpuFrom);
  return { ms: Math.min(performance.now() - wallFrom, (cpu.user + cpu.system) / 1000), timedOut };
}
