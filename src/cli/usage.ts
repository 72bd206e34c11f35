/**
 * What every `emd-cds` command shares: the usage error (exit 2), how help and a wrong command
 * line are told, and the shape of a command. Nothing else: src/cli/main.ts loads only the
 * command it runs, and this with it (the development scripts read their flags with it too:
 * tools/script-args.ts).
 */

/** The command line itself is wrong: the message and the usage go to stderr, exit 2. */
export class UsageError extends Error {}

/** One `emd-cds` command: its usage lines and how it runs (resolves to the exit code). */
export interface CliCommand {
  usage: string;
  run(args: string[]): Promise<number>;
}

/** `--help` or `-h`, anywhere: the usage, never an "unknown option" error. */
export function isHelp(arg: string): boolean {
  return arg === '--help' || arg === '-h';
}

/**
 * The command line is wrong: a `UsageError`, or what node:util's strict `parseArgs` throws for
 * an unknown flag, a stray positional or a flag without its value.
 */
export function isUsageError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    error instanceof UsageError ||
    code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ||
    code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL' ||
    code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE'
  );
}
