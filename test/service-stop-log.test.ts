/**
 * A stop by SIGTERM is said in the log (docs/deploying.md: a node drains, then stops): when
 * the signal comes, and when the service has closed, before the process exits 0. A fleet
 * operator saw nothing of either (probe 13). The built service as its own process, stopped by
 * SIGTERM once it says it listens.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBuiltService } from './support/built.js';

/** A start and a stop take a second or two; 30 s is for a loaded machine. */
const DEADLINE_MS = 30_000;
const INFO = 30;

const dir = mkdtempSync(join(tmpdir(), 'emd-cds-stop-log-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('a stop by SIGTERM', () => {
  it(
    'logs the signal, then that the service stopped, and exits 0',
    async () => {
      const { code, lines } = await runBuiltService(
        {
          PORT: '0',
          HOST: '127.0.0.1',
          LOG_LEVEL: 'info',
          AUTH_LOCAL_ISSUER_DIR: join(dir, 'issuer'),
          EMD_CDS_SQLITE_FILE: join(dir, 'emd-cds.sqlite'),
          EMD_CDS_AUDIT_SECRET: randomBytes(32).toString('base64'),
        },
        DEADLINE_MS,
      );
      expect(code).toBe(0);
      const said = lines.map((line) => [line.level, line.msg]);
      const listening = said.findIndex(([, msg]) => String(msg).includes('listening on'));
      expect(listening).toBeGreaterThanOrEqual(0);
      expect(said.slice(listening + 1)).toEqual([
        [INFO, 'stopping: no new calls, finishing the calls in flight'],
        [INFO, 'stopped'],
      ]);
      expect(
        lines
          .filter((line) => 'signal' in line)
          .map((line) => (line as { signal?: string }).signal),
      ).toEqual(['SIGTERM', 'SIGTERM']);
    },
    DEADLINE_MS,
  );
});
