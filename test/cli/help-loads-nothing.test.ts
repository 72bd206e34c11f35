/**
 * `emd-cds --help` and a wrong command line load no command's modules (src/cli/usages.ts): with
 * them loaded, help took 1.2 s. The built command runs with module hooks that write down every
 * module Node loads.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config/project-paths.js';
import { CLI_ARGS } from '../support/built.js';

/**
 * Module hooks (node:module register) that write each module's URL, as Node loads it, to the
 * file $EMD_CDS_TEST_LOAD_LOG; given to `node --import` as data: URLs, so nothing is written
 * beside the sources.
 */
const HOOKS = [
  "import { appendFileSync } from 'node:fs';",
  'let file;',
  'export function initialize(data) { file = data.file; }',
  'export async function load(url, context, next) {',
  "  appendFileSync(file, url + '\\n');",
  '  return next(url, context);',
  '}',
].join('\n');
const dataUrl = (source: string) => `data:text/javascript,${encodeURIComponent(source)}`;
const REGISTER = dataUrl(
  [
    "import { register } from 'node:module';",
    `register(${JSON.stringify(dataUrl(HOOKS))}, {`,
    '  data: { file: process.env.EMD_CDS_TEST_LOAD_LOG },',
    '});',
  ].join('\n'),
);
const dir = mkdtempSync(join(tmpdir(), 'emd-cds-loads-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The project-relative paths of every module `emd-cds <args>` loaded, and its exit code. */
function loadsOf(args: string[]): Promise<{ status: number; loaded: string[] }> {
  const log = join(dir, `${args.join('_')}.log`);
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', REGISTER, ...CLI_ARGS, ...args],
      { cwd: PROJECT_ROOT, env: { ...process.env, EMD_CDS_TEST_LOAD_LOG: log } },
      (error) => {
        const code = (error as { code?: unknown } | null)?.code;
        const loaded = readFileSync(log, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((url) => url.replace(`file://${PROJECT_ROOT}/`, ''));
        resolve({ status: typeof code === 'number' ? code : 0, loaded });
      },
    );
  });
}

const commandModules = (loaded: string[]) => loaded.filter((p) => p.includes('/cli/commands/'));
const packages = (loaded: string[]) => loaded.filter((p) => p.includes('node_modules/'));

// Each run starts node: a second or two on a loaded machine.
const CLI_TIMEOUT_MS = 60_000;

describe('what emd-cds loads for help and usage', () => {
  it.each([
    ['--help', 0],
    ['--hepl', 2],
  ])(
    'emd-cds %s loads no command module and no package (exit %i)',
    async (arg, status) => {
      const run = await loadsOf([arg]);
      expect(run.status).toBe(status);
      expect(run.loaded.length).toBeGreaterThan(0);
      expect(commandModules(run.loaded)).toEqual([]);
      expect(packages(run.loaded)).toEqual([]);
    },
    CLI_TIMEOUT_MS,
  );

  // The hooks see a command's modules when one is asked for: the check above can fail.
  it(
    "emd-cds token --help loads that command's module only",
    async () => {
      const run = await loadsOf(['token', '--help']);
      expect(run.status).toBe(0);
      expect(commandModules(run.loaded)).toEqual(['dist/src/cli/commands/token.js']);
    },
    CLI_TIMEOUT_MS,
  );
});
