#!/usr/bin/env node
/**
 * The `emd-cds` command line, for informatics teams and local tools. Each command is a
 * module of src/cli/commands/; this file loads and runs only the one asked for (help lists
 * them all).
 *
 * Exit codes: 0 done; 1 a file or configuration is wrong (the message says where), or the
 * command crashed (./crash-exit.ts); 2 usage; 141 stdout's reader went away before the output
 * was written (./closed-stdout.ts).
 */
import { endQuietlyWhenStdoutCloses } from './closed-stdout.js';
import { exitOnCliCrash } from './crash-exit.js';
import { isHelp, isUsageError, UsageError, type CliCommand } from './usage.js';
import { allUsages, type CommandName } from './usages.js';

// Before any command runs: a crash prints its type and message, never the error's properties.
exitOnCliCrash();
endQuietlyWhenStdoutCloses();

/**
 * Each command's module, loaded only when it runs: with every command's modules loaded
 * first (zod's schemas, DuckDB, express, the value sets), `validate` or `evaluate` took
 * 1.0-1.3 s, and 0.6 s alone (docs/performance-log.md §21.5). Help and a wrong command line
 * load none: their usage lines are in ./usages.ts.
 */
const COMMANDS: Readonly<Record<CommandName, () => Promise<CliCommand>>> = {
  validate: async () => (await import('./commands/validate.js')).validateCommand,
  evaluate: async () => (await import('./commands/evaluate.js')).evaluateCommand,
  discovery: async () => (await import('./commands/discovery.js')).discoveryCommand,
  token: async () => (await import('./commands/token.js')).tokenCommand,
  stats: async () => (await import('./commands/stats.js')).statsCommand,
  nodes: async () => (await import('./commands/nodes.js')).nodesCommand,
  'export-synthetic': async () =>
    (await import('./commands/export-synthetic.js')).exportSyntheticCommand,
  backtest: async () => (await import('./commands/backtest.js')).backtestCommand,
  'audit-secret': async () => (await import('./commands/audit-secret.js')).auditSecretCommand,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) throw new UsageError('no command');
  if (isHelp(name) || name === 'help') {
    console.log(allUsages());
    return 0;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name as CommandName] : undefined;
  if (!load) throw new UsageError(`unknown command "${name}"`);
  const command = await load();
  // `emd-cds token --help`: that command's usage, not an "unknown option" error.
  if (rest.some(isHelp)) {
    console.log(`usage:\n  ${command.usage}`);
    return 0;
  }
  return command.run(rest);
}

process.exitCode = await main(process.argv.slice(2)).catch((error: unknown) => {
  if (isUsageError(error)) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${allUsages()}`);
    return 2;
  }
  console.error(error instanceof Error ? error.message : String(error));
  return 1;
});
