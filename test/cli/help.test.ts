/**
 * `emd-cds --help` prints every command's usage and succeeds, `emd-cds <command> --help` that
 * command's; a wrong command still fails.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../backtest/run-cli.js';

// Each run starts tsx: about 2 s on CI, several times that on a loaded machine.
const CLI_TIMEOUT_MS = 60_000;

describe('emd-cds --help', () => {
  it(
    'prints the usage of every command on stdout and exits 0',
    async () => {
      const run = await runCli(['--help']);
      expect(run.status).toBe(0);
      for (const command of ['validate', 'evaluate', 'token', 'stats', 'backtest'])
        expect(run.stdout).toContain(`emd-cds ${command}`);
    },
    CLI_TIMEOUT_MS,
  );

  it(
    "prints one command's usage for `emd-cds <command> --help`, and exits 0",
    async () => {
      const run = await runCli(['token', '--help']);
      expect(run.status).toBe(0);
      expect(run.stderr).toBe('');
      expect(run.stdout).toContain('emd-cds token (--service <id>');
      expect(run.stdout).not.toContain('emd-cds backtest');
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'answers an unknown command with exit 2 and the usage on stderr',
    async () => {
      const run = await runCli(['--hepl']);
      expect(run.status).toBe(2);
      expect(run.stderr).toContain('unknown command "--hepl"');
    },
    CLI_TIMEOUT_MS,
  );
});
