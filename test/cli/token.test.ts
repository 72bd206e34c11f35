/**
 * `emd-cds token` (`npm run token`) and an invalid config file: no token is minted from a
 * file the service would refuse, and the message says why, names each problem at its file,
 * line and column, and says how to check the file (docs/configuring.md §1, "Tokens and an
 * invalid file"). The fixtures are in test/fixtures/config-problems/.
 */
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config/project-paths.js';
import { removeScratch, runCli, scratch } from '../backtest/run-cli.js';

// Each run starts node on the built CLI: about 1 s on CI, several times that on a loaded machine.
const CLI_TIMEOUT_MS = 60_000;
afterAll(removeScratch);

const ONE_ROUND = 'test/fixtures/config-problems/one-round.yaml';
const DATA_FILES = 'test/fixtures/config-problems/data-files/site.yaml';
const TOKEN = ['token', '--service', 'emd-patient-view'];

/** The paragraph before the problems, for `file` named as `from` says. */
function refusal(file: string, from: string): string {
  return `no token minted: the config file ${file}${from} is invalid, and the service refuses an invalid file at start and on reload, so the issuer and key settings in it may not be the ones the service uses. Check it with \`emd-cds validate ${file}\` (\`npm run -s cli -- validate ${file}\` in the repository), fix what it reports, and run token again. The problems:`;
}

describe('emd-cds token with an invalid config file', () => {
  it(
    'mints nothing from a file named by EMD_CDS_CONFIG that fails the schema, and says where and how to check',
    async () => {
      const run = await runCli(TOKEN, { EMD_CDS_CONFIG: ONE_ROUND });
      expect(run.status).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(
        [
          refusal(ONE_ROUND, ' (named by EMD_CDS_CONFIG)'),
          `${ONE_ROUND}:3:15 phase.windowDays: a whole number of days, digits only (not the text "ninety")`,
          `${ONE_ROUND}:6:16 rules.emd-soft-tissue.indicator: Invalid option: expected one of "info"|"warning"|"critical"`,
          `${ONE_ROUND}:8:5 rules.emd-cns.acknowledgement: emd-cns is a critical rule: switching it off or lowering it needs an acknowledgement (who decided it and why)`,
          `${ONE_ROUND}:10:11 valueSets.files.0: not found (${join(PROJECT_ROOT, 'test/fixtures/config-problems/no-such-folder')})`,
          '(more checks follow once these are fixed: the value set and wording files and the value set roles)',
          '',
        ].join('\n'),
      );
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'mints nothing when only a wording file the --config file names is broken: the service would refuse the file too',
    async () => {
      const run = await runCli([...TOKEN, '--config', DATA_FILES]);
      expect(run.status).toBe(1);
      expect(run.stdout).toBe('');
      const [paragraph, ...problems] = run.stderr.trimEnd().split('\n');
      expect(paragraph).toBe(refusal(DATA_FILES, ''));
      expect(problems).toContain(
        `${join(PROJECT_ROOT, 'test/fixtures/config-problems/data-files')}/wording/en.yaml:38:5 rules.emd-soft-tissue.sumary: Unrecognized key: "sumary"; did you mean "summary"?`,
      );
      // Neither a stack trace nor zod's own layout.
      expect(run.stderr).not.toMatch(/^ +at |✖|→ at/m);
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'mints a token from a valid file',
    async () => {
      const file = join(scratch('emd-cds-token-'), 'site.yaml');
      writeFileSync(file, 'phase:\n  windowDays: 120\n');
      const run = await runCli([...TOKEN, '--config', file]);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    },
    CLI_TIMEOUT_MS,
  );
});

describe('emd-cds token with a local issuer key open to other users', () => {
  it(
    'mints nothing and names the key file, its mode and the chmod that fixes it',
    async () => {
      const dir = join(scratch('emd-cds-token-key-'), 'local-issuer');
      const env = { AUTH_LOCAL_ISSUER_DIR: dir };
      const first = await runCli(TOKEN, env);
      expect(first.stderr).toBe('');
      expect(first.status).toBe(0);
      const key = join(dir, 'private.jwk.json');
      chmodSync(key, 0o644);

      const run = await runCli(TOKEN, env);

      expect(run.status).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(
        `${key}: mode 0644 lets other users read the local test issuer's private key, and with it mint tokens this service accepts; run \`chmod 600 ${key}\` (if others may have read the private key, delete the folder instead: a new key pair is made at the next start)\n`,
      );
    },
    CLI_TIMEOUT_MS,
  );
});

describe('emd-cds token for a service id the service does not have', () => {
  it(
    'mints nothing for a misspelt id, and names the ids it has',
    async () => {
      const env = { AUTH_LOCAL_ISSUER_DIR: join(scratch('emd-cds-token-typo-'), 'local-issuer') };
      for (const args of [
        ['token', '--service', 'emd-patient-veiw'],
        ['token', '--service', 'emd-patient-veiw', '--feedback'],
      ]) {
        const run = await runCli(args, env);
        expect(run.status).toBe(2);
        expect(run.stdout).toBe('');
        expect(run.stderr).toContain(
          'no service "emd-patient-veiw": --service takes one of emd-imaging-order-select, emd-imaging-order-sign, emd-imaging-review, emd-patient-view',
        );
      }
    },
    CLI_TIMEOUT_MS,
  );
});
