/**
 * A service that shares its replay guard and rate limits (a cluster worker, or any node on
 * PostgreSQL) has its shared state answering before it listens: the state's connection is
 * opened at start, and its stale entries purged then, not on the first hook call nor a
 * minute later. Observed from outside, through a second connection to the same database.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { optionsFromEnvironment } from '../../src/config/environment.js';
import { startService, type RunningService } from '../../src/service.js';
import type { SharedState } from '../../src/store/shared-state-contract.js';
import { openSharedState } from '../../src/store/shared-state.js';
import { STORE_TARGETS, suiteName, warnSkipped, type TestLocation } from './targets.js';

warnSkipped();

const MINUTE = 60_000;

for (const target of STORE_TARGETS) {
  describe.skipIf(target.skipReason !== undefined)(
    `shared state at start, ${suiteName(target)}`,
    () => {
      let place: TestLocation;
      let service: RunningService | undefined;
      let observer: SharedState | undefined;
      const storeEnv = () =>
        target.kind === 'sqlite'
          ? { EMD_CDS_SQLITE_FILE: place.location }
          : { EMD_CDS_POSTGRES_URL: place.location };
      const storeOptions = () =>
        target.kind === 'sqlite' ? { sqliteFile: place.location } : { postgresUrl: place.location };

      beforeEach(async () => {
        place = await target.create();
        const store = place.open();
        await store.migrate();
        await store.close();
      });
      afterEach(async () => {
        await service?.close();
        await observer?.close();
        service = undefined;
        observer = undefined;
        await place.drop();
      });

      it('purges a rate-limit window that ended long ago before the service listens', async () => {
        const longAgo = Math.floor((Date.now() - 10 * MINUTE) / MINUTE) * MINUTE;
        const before = openSharedState(storeOptions());
        expect(await before.countHit('ip:192.0.2.1', longAgo)).toBe(1);
        await before.close();

        const options = optionsFromEnvironment({
          PORT: '0',
          HOST: '127.0.0.1',
          AUTH: 'off',
          EMD_CDS_AUDIT_SECRET: randomBytes(32).toString('base64'),
          EMD_CDS_DATA_DIR: mkdtempSync(join(tmpdir(), 'emd-cds-start-')),
          ...storeEnv(),
        });
        service = await startService({ ...options, sharedState: true }, pino({ level: 'silent' }));

        // Purged at start: the old window counts from one again. Left for the minutely
        // purge, it would still hold the first hit.
        observer = openSharedState(storeOptions());
        expect(await observer.countHit('ip:192.0.2.1', longAgo)).toBe(1);
      });
    },
  );
}
