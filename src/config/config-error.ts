/**
 * A configuration the service refuses, with every problem one check could find, one a line,
 * and the checks left for later because of them. `validate`, a start and a reload all report
 * it whole, so a site fixes its files in one round, not in one round per kind of check.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  /** Each problem, `file:line:col path: message` where the file allows it. */
  readonly problems: readonly string[];
  /** What is checked only once these problems are fixed, if anything. */
  readonly later: readonly string[];

  constructor(
    problems: string | readonly string[],
    options: { cause?: unknown; later?: readonly string[] } = {},
  ) {
    const list = inFileOrder(typeof problems === 'string' ? [problems] : problems);
    const later = options.later ?? [];
    super(
      [...list, ...(later.length > 0 ? [laterChecksNote(later)] : [])].join('\n'),
      'cause' in options ? { cause: options.cause } : undefined,
    );
    this.problems = list;
    this.later = later;
  }
}

/**
 * The problems as a site reads its files: by file (in the order the checks first name each),
 * then line, then column, so that `validate` reads down each file (the checks find them in
 * their own order: zod's by schema key, a file's anchors before its schema). A problem with no
 * position comes first in its file: it is about the whole file. Equal places keep their order.
 */
function inFileOrder(problems: readonly string[]): string[] {
  const fileRank = new Map<string, number>();
  const placed = problems.map((problem, index) => {
    const at = placeOf(problem);
    if (!fileRank.has(at.file)) fileRank.set(at.file, fileRank.size);
    return { problem, index, ...at, rank: fileRank.get(at.file) ?? 0 };
  });
  placed.sort((a, b) => a.rank - b.rank || a.line - b.line || a.col - b.col || a.index - b.index);
  return placed.map(({ problem }) => problem);
}

/** `file:line:col …`, or `file: …` / `file path: …` with no position (line 0). */
function placeOf(problem: string): { file: string; line: number; col: number } {
  const positioned = /^(.+?):(\d+):(\d+) /.exec(problem);
  if (positioned)
    return { file: positioned[1] ?? '', line: Number(positioned[2]), col: Number(positioned[3]) };
  return { file: /^(\S+?):?(?: |$)/.exec(problem)?.[1] ?? problem, line: 0, col: 0 };
}

/**
 * The last line of a message whose problems kept other checks from running: a file whose YAML
 * does not parse cannot be checked against the schema, a config that fails the schema cannot
 * be loaded, so its value sets and wording are not read. Said, so that no one takes the list
 * for all there is.
 */
function laterChecksNote(later: readonly string[]): string {
  return `(more checks follow once these are fixed: ${later.join('; ')})`;
}

/** The problems of several independent checks, gathered so that one does not hide the next. */
export class ProblemList {
  readonly #problems: string[] = [];
  readonly #later: string[] = [];

  /** Runs `check`; a ConfigError it throws is kept, and then undefined is returned. */
  collect<T>(check: () => T): T | undefined {
    try {
      return check();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      this.#problems.push(...error.problems);
      this.#later.push(...error.later);
      return undefined;
    }
  }

  add(problem: string): void {
    this.#problems.push(problem);
  }

  get isEmpty(): boolean {
    return this.#problems.length === 0;
  }

  /** Every problem kept, as one error; `later`: what they keep from being checked. */
  error(later?: string): ConfigError {
    return new ConfigError(this.#problems, {
      later: later === undefined ? this.#later : [...this.#later, later],
    });
  }

  /** Throws every problem kept, if any. */
  throwIfAny(): void {
    if (!this.isEmpty) throw this.error();
  }
}
