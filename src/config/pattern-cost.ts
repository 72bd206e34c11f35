/**
 * A configured text pattern timed on texts built to be its worst case (./pattern-texts.ts),
 * read as the rules read a Condition's text (../rules/text-reading.ts), inside `node:vm` with
 * a timeout, which interrupts a running match. scslre (./linear-pattern.ts) misses what is no
 * loop of its own: a `.*` run on to the end of the text from every occurrence, in a lookahead
 * or before a word (`plasmacytoma.*excluded`: 89 s on a 1 MB text), or a window of thousands
 * of characters (`[^.]{0,5000}plasmacytoma`: 23 s). docs/configuring.md says the limits.
 */
import vm from 'node:vm';
import { RegExpParser, type AST } from '@eslint-community/regexpp';
import { NO_NEGATION } from '../rules/negation.js';
import { patternHit } from '../rules/text-reading.js';
import { culpritAdvice } from './pattern-culprit.js';
import { patternTexts, quantifiersOf, textOf, type PatternText } from './pattern-texts.js';

const SMALL = 10_000;
const LARGE = 100_000;
/**
 * Milliseconds a 100 KB text may cost. The built-in patterns take under 2 ms on every text
 * built from them (worst 1.3 ms, best of two reads, on two cores at a load average of 9,
 * 2026-12-07); at the limit a 1 MB text, the longest a record may hold, costs 300 ms.
 */
const MAX_LARGE_MS = 30;
/** Below this a 100 KB text is cheap whatever its growth, which is then not measured. */
const FLOOR_MS = 5;
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

/** Why matching `source` (compiled with `flags`) is too slow, or undefined when it is not. */
export function costReason(source: string, flags: string): string | undefined {
  const parsed = parse(source, flags);
  if (!parsed) return undefined;
  const { pattern, compiled } = parsed;
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

function parse(
  source: string,
  flags: string,
): { pattern: AST.Pattern; compiled: RegExp } | undefined {
  try {
    const compiled = new RegExp(source, flags);
    const pattern = new RegExpParser().parsePattern(source, undefined, undefined, {
      unicode: flags.includes('u'),
    });
    return { pattern, compiled };
  } catch {
    return undefined; // Not a pattern at all: the schema's own check says so.
  }
}
