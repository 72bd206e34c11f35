/**
 * The command line of a development script (`npm run fhir-server`, `bench`, `bench:backtest`,
 * `soak`, `examples`, `config-schema`, `docs-tables`), read as `emd-cds` reads its own
 * (src/cli/main.ts, with its checks from src/cli/usage.ts): `--help` prints the usage and
 * runs nothing, and a wrong flag prints one line and the usage and exits 2. Node's strict
 * `parseArgs` throws on an unknown flag, which printed a stack trace, and a generator that
 * ignored its arguments wrote its files when asked for help.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { isHelp, isUsageError } from '../src/cli/usage.js';

/** The script's flags from `config` (strict), or the process ends: 0 after help, 2 on misuse. */
export function parseScriptArgs<T extends ParseArgsConfig>(
  usage: string,
  config: T,
): ReturnType<typeof parseArgs<T>> {
  const args = config.args ?? process.argv.slice(2);
  if (args.some(isHelp)) {
    console.log(`usage:\n  ${usage}`);
    process.exit(0);
  }
  try {
    return parseArgs(config);
  } catch (error) {
    if (!isUsageError(error)) throw error;
    exitWithUsage(usage, error instanceof Error ? error.message : String(error));
  }
}

/** A flag's value is wrong: one line saying so, the usage, exit 2 (as `emd-cds` does). */
export function exitWithUsage(usage: string, message: string): never {
  console.error(`${message}\nusage:\n  ${usage}`);
  process.exit(2);
}
