/**
 * A stop by SIGTERM is said in the log (docs/deploying.md: a node drains, then stops): when
 * the signal comes, and when the service has closed, before the process exits 0. A fleet
 * operator saw nothing of either (probe 13). The built service as its own process; the signal
 * is sent once the service says (at debug level) that it handles signals: before that, Node's
 * default ends the process at once, as it should for a start that is not done.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startBuiltService } from './support/built.js';
import { jsonLogLines } from './support/logs.js';

/** A start and a stop take a second or two; 60 s is for a loaded machine. */
const DEADLINE_MS = 60_000;
const INFO = 30;
const HANDLED = 'signals handled';

const dir = mkdtempSync(join(tmpdir(), 'emd-cds-stop-log-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Starts the built service, sends SIGTERM once it handles signals; its exit code and log. */
function stopOnceHandled(
  env: Record<string, string> = {},
): Promise<{ code: number | null; output: string }> {
  const child = startBuiltService({
    ...env,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'debug',
    AUTH_LOCAL_ISSUER_DIR: join(dir, 'issuer'),
    EMD_CDS_SQLITE_FILE: join(dir, 'emd-cds.sqlite'),
    EMD_CDS_AUDIT_SECRET: randomBytes(32).toString('base64'),
  });
  let output = '';
  let signalled = false;
  const read = (chunk: Buffer) => {
    output += chunk.toString();
    if (!signalled && output.includes(HANDLED)) {
      signalled = true;
      child.kill('SIGTERM');
    }
  };
  child.stdout.on('data', read);
  child.stderr.on('data', read);
  // A service that never says it handles signals is ended, and the test fails on its code.
  const deadline = setTimeout(() => child.kill('SIGKILL'), DEADLINE_MS / 2);
  return new Promise((resolve) => {
    child.once('exit', (code) => {
      clearTimeout(deadline);
      resolve({ code, output });
    });
  });
}

describe('a stop by SIGTERM', () => {
  it(
    'logs the signal, then that the service stopped, and exits 0',
    async () => {
      const { code, output } = await stopOnceHandled();
      expect(code, output).toBe(0);
      const lines = jsonLogLines<{ level: number; msg: string; signal?: string }>(output);
      expect(lines.filter((line) => line.signal !== undefined)).toEqual([
        expect.objectContaining({
          level: INFO,
          signal: 'SIGTERM',
          msg: 'stopping: no new calls, finishing the calls in flight',
        }),
        expect.objectContaining({ level: INFO, signal: 'SIGTERM', msg: 'stopped' }),
      ]);
    },
    DEADLINE_MS,
  );

  // docs/configuring.md, SHUTDOWN_DRAIN_MS: "after SIGTERM, /readyz answers 503 this long while
  // calls are still served, then the listener closes". The first line said "no new calls" for
  // the whole drain, while a balancer that had not yet read /readyz still sent them, served.
  it(
    'with SHUTDOWN_DRAIN_MS, says the calls are still served for the drain, not "no new calls"',
    async () => {
      const { code, output } = await stopOnceHandled({ SHUTDOWN_DRAIN_MS: '1500' });
      expect(code, output).toBe(0);
      const lines = jsonLogLines<{ level: number; msg: string; signal?: string }>(output);
      expect(lines.filter((line) => line.signal !== undefined)).toEqual([
        expect.objectContaining({
          level: INFO,
          signal: 'SIGTERM',
          msg:
            'stopping: /readyz answers 503 for 1500 ms, calls still served meanwhile; ' +
            'then no new calls, finishing the calls in flight',
        }),
        expect.objectContaining({ level: INFO, signal: 'SIGTERM', msg: 'stopped' }),
      ]);
    },
    DEADLINE_MS,
  );
});
