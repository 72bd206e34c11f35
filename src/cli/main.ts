#!/usr/bin/env node
/**
 * The `emd-cds` command line, for informatics teams and local tools. Each command is a
 * module of src/cli/commands/; this file only picks one (USAGE lists them all).
 *
 * Exit codes: 0 done; 1 a file or configuration is wrong (the message says where); 2 usage.
 */
import { backtestCommand } from './commands/backtest.js';
import { discoveryCommand } from './commands/discovery.js';
import { evaluateCommand } from './commands/evaluate.js';
import { exportSyntheticCommand } from './commands/export-synthetic.js';
import { nodesCommand } from './commands/nodes.js';
import { statsCommand } from './commands/stats.js';
import { tokenCommand } from './commands/token.js';
import { validateCommand } from './commands/validate.js';
import { UsageError, type CliCommand } from './usage.js';

const COMMANDS: Readonly<Record<string, CliCommand>> = {
  validate: validateCommand,
  evaluate: evaluateCommand,
  discovery: discoveryCommand,
  token: tokenCommand,
  stats: statsCommand,
  nodes: nodesCommand,
  'export-synthetic': exportSyntheticCommand,
  backtest: backtestCommand,
};

const USAGE = `usage:\n${Object.values(COMMANDS)
  .map((command) => `  ${command.usage}`)
  .join('\n')}`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) throw new UsageError('no command');
  if (name === '--help' || name === '-h' || name === 'help') {
    console.log(USAGE);
    return 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) throw new UsageError(`unknown command "${name}"`);
  return command.run(rest);
}

process.exitCode = await main(process.argv.slice(2)).catch((error: unknown) => {
  const code = (error as { code?: unknown }).code;
  if (
    error instanceof UsageError ||
    code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ||
    code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL' ||
    code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE'
  ) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  console.error(error instanceof Error ? error.message : String(error));
  return 1;
});
