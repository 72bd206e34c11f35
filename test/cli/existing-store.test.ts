/**
 * `emd-cds stats` and `emd-cds nodes` read the store the service writes (docs/go-live.md,
 * "Read the statistics"). Run without the service's settings they used to create an empty
 * store where none was and answer "No cards served in this period.", as if the service had
 * served none; they now refuse, name the file they looked for and the settings to give, and
 * leave nothing behind. With the store there, they read it as before.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { removeScratch, runCli, scratch } from '../backtest/run-cli.js';

// Each run starts node on the built CLI: about 1 s on CI, several times that on a loaded machine.
const CLI_TIMEOUT_MS = 60_000;
afterAll(removeScratch);

const COMMANDS: [string, string[]][] = [
  ['stats', ['stats', '--from', '2026-11-01', '--to', '2026-12-01']],
  ['nodes', ['nodes']],
];

describe('emd-cds stats and nodes', () => {
  for (const [name, args] of COMMANDS)
    it(
      `${name}: refuses a data folder that holds no store, rather than reading a new empty one`,
      async () => {
        const dataDir = scratch('emd-cds-no-store-');
        const file = join(dataDir, 'emd-cds.sqlite');
        const run = await runCli(args, { EMD_CDS_DATA_DIR: dataDir });
        expect(run.status).toBe(1);
        expect(run.stdout).toBe('');
        expect(run.stderr).toBe(
          `${name}: no store at ${file}. It reads the store the service writes: run it with the service's settings (EMD_CDS_CONFIG or --config, and EMD_CDS_DATA_DIR, EMD_CDS_SQLITE_FILE or EMD_CDS_POSTGRES_URL as the service has them)\n`,
        );
        expect(existsSync(file)).toBe(false);
      },
      CLI_TIMEOUT_MS,
    );

  it(
    'read the store the service wrote when the settings name it',
    async () => {
      const dataDir = scratch('emd-cds-store-');
      const store = openSqliteStore(join(dataDir, 'emd-cds.sqlite'));
      await store.migrate();
      await store.close();
      const stats = await runCli(COMMANDS[0]?.[1] ?? [], { EMD_CDS_DATA_DIR: dataDir });
      expect(stats).toMatchObject({ status: 0, stderr: '' });
      expect(stats.stdout).toContain('No cards served in this period.');
      const nodes = await runCli(['nodes'], { EMD_CDS_DATA_DIR: dataDir });
      expect(nodes).toEqual({
        status: 0,
        stdout: 'no nodes have registered in this store database\n',
        stderr: '',
      });
    },
    CLI_TIMEOUT_MS,
  );
});
