/**
 * close() called a second time while the first runs closes nothing twice. Both signals reach
 * a worker whenever Ctrl-C stops `npm start` with WORKERS > 1 (the terminal sends SIGINT to
 * every process, and the primary passes SIGTERM on), or when a supervisor signals the whole
 * process group: with PostgreSQL, each worker then logged "closing the service: one part did
 * not close cleanly" (Called end on pool more than once) at every such stop.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { optionsFromEnvironment } from '../src/config/environment.js';
import { startService } from '../src/service.js';
import { STORE_TARGETS, suiteName, warnSkipped } from './store/targets.js';
import { testServiceEnv } from './support/service-env.js';

warnSkipped();

for (const target of STORE_TARGETS)
  describe.skipIf(target.skipReason !== undefined)(suiteName(target), () => {
    it('closes each part once when close() is called twice (SIGINT, then SIGTERM)', async () => {
      const place = await target.create();
      const dataDir = mkdtempSync(join(tmpdir(), 'emd-cds-close-'));
      const logged: { level: number; msg: string; problem?: string }[] = [];
      const logger = pino(
        { level: 'info' },
        { write: (line: string) => logged.push(JSON.parse(line) as (typeof logged)[number]) },
      );
      try {
        const store: Record<string, string> =
          target.kind === 'postgres'
            ? { EMD_CDS_POSTGRES_URL: place.location }
            : { EMD_CDS_SQLITE_FILE: place.location };
        const options = optionsFromEnvironment(
          testServiceEnv({ EMD_CDS_DATA_DIR: dataDir, ...store }),
        );
        const service = await startService(options, logger);
        const started = logged.length;
        await Promise.all([service.close(), service.close()]);
        await service.close();
        const warnings = logged.slice(started).filter((line) => line.level >= 40);
        expect(warnings).toEqual([]);
      } finally {
        await place.drop();
        rmSync(dataDir, { recursive: true, force: true });
      }
    });
  });
