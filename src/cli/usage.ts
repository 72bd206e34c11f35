/**
 * What every `emd-cds` command shares: the usage error (exit 2) and the configuration a
 * command runs with (--config, else EMD_CDS_CONFIG, else the built-in defaults).
 */
import { readConfigFile } from '../config/config-file.js';
import { DEFAULT_CONFIG, type Config } from '../config/config-schema.js';

/** The command line itself is wrong: the message and the usage go to stderr, exit 2. */
export class UsageError extends Error {}

/** One `emd-cds` command: its usage lines and how it runs (resolves to the exit code). */
export interface CliCommand {
  usage: string;
  run(args: string[]): Promise<number>;
}

export function loadConfig(file: string | undefined): {
  config: Config;
  file: string | undefined;
} {
  const path = file ?? process.env.EMD_CDS_CONFIG;
  return { config: path ? readConfigFile(path) : DEFAULT_CONFIG, file: path };
}
