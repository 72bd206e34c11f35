/**
 * `emd-cds stats` reads its period as the API does (src/store/stats-period.ts): a date is
 * 00:00 UTC and a date-time needs its offset, whatever the time zone of the machine it runs on.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { removeScratch, runCli, scratch } from '../backtest/run-cli.js';

// Each run starts the built CLI: about 1 s, several times that on a loaded machine.
const CLI_TIMEOUT_MS = 60_000;

describe('emd-cds stats --from/--to', () => {
  // The store the service writes, as a deployment has it: stats refuses a folder without one.
  let dataDir = '';
  beforeAll(async () => {
    dataDir = scratch('emd-cds-stats-');
    const store = openSqliteStore(join(dataDir, 'emd-cds.sqlite'));
    await store.migrate();
    await store.close();
  });
  afterAll(removeScratch);

  it(
    'reads dates as UTC days on a machine in another time zone',
    async () => {
      const run = await runCli(['stats', '--from', '2026-11-01', '--to', '2026-11-02'], {
        TZ: 'America/New_York',
        EMD_CDS_DATA_DIR: dataDir,
      });
      expect(run.status).toBe(0);
      expect(run.stdout).toContain(
        'Cards served 2026-11-01T00:00:00.000Z – 2026-11-02T00:00:00.000Z',
      );
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'refuses a date-time without offset with exit 1, rather than reading it in local time',
    async () => {
      const run = await runCli(['stats', '--from', '2026-11-01T00:00', '--to', '2026-11-02'], {
        TZ: 'America/New_York',
        EMD_CDS_DATA_DIR: dataDir,
      });
      expect(run.status).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain('from: must be a date (2026-11-01, read as 00:00 UTC)');
    },
    CLI_TIMEOUT_MS,
  );
});
