/**
 * The service and the CLI as built by the tests' global setup (`npm run build`): the
 * command lines that tests starting them as processes use.
 * - `SERVICE_ARGS`: `npm start`'s node flags and entry (tools/start-command.ts);
 * - `CLI_ARGS`: the `emd-cds` command as npm installs it (package.json "bin").
 * Each is node's own argument list, run with `process.execPath`.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PATHS, PROJECT_ROOT } from '../../src/config/project-paths.js';
import { npmStartArgs } from '../../tools/start-command.js';
import { jsonLogLines } from './logs.js';

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

/**
 * The built service as its own process, from the project folder, with only `env` (and PATH)
 * for its environment; stdin closed, stdout and stderr piped to the test.
 */
export function startBuiltService(env: Record<string, string | undefined>) {
  return spawn(process.execPath, SERVICE_ARGS, {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH, ...env },
  });
}

/** What `runBuiltService` saw: the exit code, and stdout and stderr as one text. */
export interface BuiltServiceRun {
  code: number | null;
  output: string;
  /** The JSON log lines of the output. */
  lines: {
    level: number;
    msg: string;
    setting?: string;
    settings?: string[];
    err?: { type: string; message: string; stack: string };
  }[];
}

/**
 * Starts the built service with `env` and waits until it exits, or says it listens (then it
 * is stopped: its exit code is then of no interest, unless `stopWhenListening` is false);
 * rejects if neither happens by `deadlineMs`.
 */
export async function runBuiltService(
  env: Record<string, string | undefined>,
  deadlineMs: number,
  stopWhenListening = true,
): Promise<BuiltServiceRun> {
  const child = startBuiltService(env);
  let output = '';
  const code = await new Promise<number | null>((resolve, reject) => {
    const deadline = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`neither started nor exited within ${String(deadlineMs)} ms:\n${output}`));
    }, deadlineMs);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (stopWhenListening && output.includes('listening on')) child.kill('SIGTERM');
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (exitCode) => {
      clearTimeout(deadline);
      resolve(exitCode);
    });
  });
  const lines = jsonLogLines<BuiltServiceRun['lines'][number]>(output);
  return { code, output, lines };
}
