/**
 * The development scripts' command lines (tools/script-args.ts): `--help` prints the usage and
 * exits 0, a flag the script does not take prints one line and the usage on stderr and exits 2,
 * as `emd-cds` does (src/cli/main.ts). Before, each threw Node's ERR_PARSE_ARGS_UNKNOWN_OPTION with
 * a stack trace, and a generator asked for help wrote its files.
 */
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config/project-paths.js';

function runScript(script: string, args: string[]) {
  const run = spawnSync(join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx'), [script, ...args], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

// Each run starts tsx and loads the script's modules (DuckDB for the backtest bench).
const slow = 120_000;

const SCRIPTS = [
  { script: 'tools/fhir-server/main.ts', npm: 'npm run fhir-server' },
  { script: 'bench/backtest.ts', npm: 'npm run bench:backtest' },
  { script: 'bench/soak.ts', npm: 'npm run soak' },
];

describe('a development script given --help or a flag it does not take', () => {
  for (const { script, npm } of SCRIPTS) {
    it(
      `${npm} -- --help prints its usage and exits 0`,
      () => {
        const run = runScript(script, ['--help']);
        expect(run.status).toBe(0);
        expect(run.stdout.split('\n').slice(0, 2)).toEqual([
          'usage:',
          expect.stringMatching(new RegExp(`^  ${npm} -- \\[--`)),
        ]);
        expect(run.stderr).toBe('');
      },
      slow,
    );

    it(
      `${npm} -- --nope says the flag is unknown in one line, then the usage, and exits 2`,
      () => {
        const run = runScript(script, ['--nope']);
        expect(run.status).toBe(2);
        const lines = run.stderr.split('\n');
        expect(lines[0]).toBe("Unknown option '--nope'");
        expect(lines[1]).toBe('usage:');
        expect(run.stderr).not.toContain('    at ');
      },
      slow,
    );
  }

  it(
    'npm run config-schema -- --help prints its usage and writes nothing',
    () => {
      const target = join(PROJECT_ROOT, 'config', 'emd-cds.schema.json');
      const before = statSync(target).mtimeMs;
      const run = runScript('scripts/generate-config-schema.ts', ['--help']);
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/^usage:\n {2}npm run config-schema/);
      expect(statSync(target).mtimeMs).toBe(before);
    },
    slow,
  );
});
