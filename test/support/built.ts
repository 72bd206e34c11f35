/**
 * The service and the CLI as built by the tests' global setup (`npm run build`): the
 * command lines that tests starting them as processes use.
 * - `SERVICE_ARGS`: `npm start`'s node flags and entry (tools/start-command.ts);
 * - `CLI_ARGS`: the `emd-cds` command as npm installs it (package.json "bin").
 * Each is node's own argument list, run with `process.execPath`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PATHS, PROJECT_ROOT } from '../../src/config/project-paths.js';
import { npmStartArgs } from '../../tools/start-command.js';

export const SERVICE_ARGS: readonly string[] = npmStartArgs();

function cliEntry(): string {
  const { bin } = JSON.parse(readFileSync(PATHS.packageJson, 'utf8')) as {
    bin: Record<string, string>;
  };
  const entry = bin['emd-cds'];
  if (entry === undefined) throw new Error('package.json has no "emd-cds" bin');
  return join(PROJECT_ROOT, entry);
}

export const CLI_ARGS: readonly string[] = [cliEntry()];
