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
    const list = typeof problems === 'string' ? [problems] : problems;
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
