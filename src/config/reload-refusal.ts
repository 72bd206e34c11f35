/**
 * A refused reload as GET /admin/config tells it, behind the admin token: when, what set it
 * off, the files at fault and each problem as `validate` writes it (`file:line:col path:
 * message`), so that an analyst who cannot read the service log sees why the file on disk is
 * not in force. The problems say where in a site's own files something is wrong and what was
 * expected, never a value read from the environment; still, each is cut short and a URL's
 * user and password are masked, so that a secret written into the wrong key is not echoed.
 */
import { textForLog } from '../log-text.js';
import { ConfigError } from './config-error.js';

/** The most problems told; `validate` prints them all. */
export const MAX_REFUSAL_PROBLEMS = 20;
/** The most characters of one problem: a file path, a place, a key and what was expected. */
const MAX_PROBLEM_CHARACTERS = 500;

export interface ReloadRefusal {
  /** When the reload was refused, ISO 8601 UTC, as /readyz's `configReloadRefusedAt`. */
  at: string;
  /** What set the reload off: `<file> changed` for the files seen changed, or `SIGHUP`. */
  trigger: string;
  /** The files the problems name, in the problems' order. */
  files: string[];
  /** Each problem, one a line, in file order (./config-error.ts); the first MAX_REFUSAL_PROBLEMS. */
  problems: string[];
  /** How many problems were left off beyond those. */
  moreProblems: number;
  /** What is checked only once these are fixed (the value set and wording files, …). */
  later: string[];
}

/** The refusal of a reload that threw `error` at `at`, set off by `trigger`. */
export function reloadRefusalOf(error: unknown, at: string, trigger: string): ReloadRefusal {
  const isConfigError = error instanceof ConfigError;
  const all = isConfigError
    ? error.problems
    : [error instanceof Error ? error.message : String(error)];
  const problems = all.slice(0, MAX_REFUSAL_PROBLEMS).map(safeText);
  return {
    at,
    trigger: safeText(trigger),
    // Only a ConfigError's problems start with their file; another error's words do not.
    files: isConfigError ? [...new Set(problems.map(fileOf))] : [],
    problems,
    moreProblems: all.length - problems.length,
    later: isConfigError ? error.later.map(safeText) : [],
  };
}

/** One line, cut short, a URL's credentials masked. */
function safeText(text: string): string {
  const line = text.split('\n', 1)[0] ?? '';
  return textForLog(
    line.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi, '$1***@'),
    MAX_PROBLEM_CHARACTERS,
  );
}

/** The file a problem names: `file:line:col …`, `file: …` or `file path: …` (./config-error.ts). */
function fileOf(problem: string): string {
  return /^(.+?):\d+:\d+ /.exec(problem)?.[1] ?? /^(\S+?):?(?: |$)/.exec(problem)?.[1] ?? problem;
}
