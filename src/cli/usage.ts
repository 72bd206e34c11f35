/**
 * What every `emd-cds` command shares: the usage error (exit 2) and the shape of a command.
 * Nothing else: src/cli/main.ts loads only the command it runs, and this with it.
 */

/** The command line itself is wrong: the message and the usage go to stderr, exit 2. */
export class UsageError extends Error {}

/** One `emd-cds` command: its usage lines and how it runs (resolves to the exit code). */
export interface CliCommand {
  usage: string;
  run(args: string[]): Promise<number>;
}
