/**
 * A fatal problem ends the process with its exit code even when nothing reads its stdout any
 * more (`npm start | head -1`, a log collector that died). pino flushed each fatal line
 * synchronously, and sonic-boom retried the write that failed with EPIPE every 100 ms for
 * ever: the process neither wrote its line nor exited (src/logger.ts, `stdoutLines`). Nor may
 * the failed write crash it with an unhandled 'error' event (a stack trace, another code).
 *
 * The command line, whose reader going away is normal use (`emd-cds stats --json | head -1`,
 * a jq filter that fails): it printed "emd-cds: uncaught exception, the command ends: Error:
 * write EPIPE" and a stack. It ends quietly, with the status a shell gives a command SIGPIPE
 * ended, 128 + 13 = 141 (src/cli/closed-stdout.ts).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../src/store/sqlite-store.js';
import { PATHS } from '../src/config/project-paths.js';
import { spawn } from 'node:child_process';
import { CLI_ARGS, startBuiltService } from './support/built.js';

/** A start that fails exits in a few seconds; it hung for ever before (30 s: a loaded machine). */
const DEADLINE_MS = 30_000;

let dir: string;
let taken: Server;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'emd-cds-closed-stdout-'));
  taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  await new Promise((resolve) => taken.close(resolve));
});

/** The exit code of the built service started with `env`, its stdout closed at once; and its stderr. */
async function exitWithStdoutClosed(
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string }> {
  const child = startBuiltService({
    HOST: '127.0.0.1',
    EMD_CDS_DATA_DIR: mkdtempSync(join(dir, 'data-')),
    EMD_CDS_AUDIT_SECRET: randomBytes(32).toString('base64'),
    ...env,
  });
  // The reader goes away before the first line: every write to stdout fails with EPIPE.
  child.stdout.destroy();
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    const deadline = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`still running ${String(DEADLINE_MS)} ms after its fatal problem`));
    }, DEADLINE_MS);
    child.once('exit', (exitCode) => {
      clearTimeout(deadline);
      resolve(exitCode);
    });
  });
  return { code, stderr };
}

describe('a fatal problem with nothing reading stdout', () => {
  const cases: [string, () => Record<string, string>][] = [
    // docs/security.md §9: exit status 1 on an unsafe production setting (here the defaults').
    ['a production start refused by the deployment checks', () => ({ NODE_ENV: 'production' })],
    // One fatal line, first (LOG_LEVEL=error hides the warning block): this exited before the
    // fix too, as nothing waited behind the write in flight; kept for the new exit path.
    [
      'a start whose port is taken',
      () => ({ PORT: String((taken.address() as { port: number }).port), LOG_LEVEL: 'error' }),
    ],
  ];
  for (const [name, env] of cases)
    it(
      `still exits with status 1: ${name}`,
      async () => {
        const { code, stderr } = await exitWithStdoutClosed({ PORT: '0', ...env() });
        expect(code).toBe(1);
        expect(stderr).not.toContain("Unhandled 'error' event");
        expect(stderr.split('\n').filter((line) => line.trimStart().startsWith('at '))).toEqual([]);
      },
      DEADLINE_MS + 5_000,
    );
});

/** `emd-cds args`, built, its stdout's reader gone before the command writes: status, stderr. */
async function cliWithStdoutClosed(
  args: readonly string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [...CLI_ARGS, ...args], {
    env: { ...process.env, EMD_CDS_AUDIT_SECRET: randomBytes(32).toString('base64'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.destroy();
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, stderr };
}

describe('an emd-cds command whose stdout closes before it has written', () => {
  // The store the service writes, as stats reads it: it refuses a folder without one.
  let dataDir = '';
  beforeAll(async () => {
    dataDir = mkdtempSync(join(dir, 'cli-data-'));
    const store = openSqliteStore(join(dataDir, 'emd-cds.sqlite'));
    await store.migrate();
    await store.close();
  });

  const commands: [string, string[]][] = [
    ['stats --json', ['stats', '--json']],
    ['discovery', ['discovery']],
    [
      'evaluate',
      ['evaluate', join(PATHS.examples, 'emd-and-cns.json'), '--now', '2026-11-01', '--json'],
    ],
  ];
  for (const [name, args] of commands)
    it(
      `${name} ends quietly with status 141 (128 + SIGPIPE)`,
      async () => {
        const { code, stderr } = await cliWithStdoutClosed(args, { EMD_CDS_DATA_DIR: dataDir });
        expect(stderr).toBe('');
        expect(code).toBe(141);
      },
      DEADLINE_MS,
    );
});
