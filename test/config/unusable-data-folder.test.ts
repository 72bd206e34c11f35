/**
 * A data folder (EMD_CDS_DATA_DIR) the service cannot use ends the start within seconds,
 * exit status 1, with one fatal line naming the setting, the folder and why, and no stack
 * trace (docs/security.md §3, "Misconfiguration": "a bad one stops the start naming it").
 * `EMD_CDS_DATA_DIR=/proc/x` hung the start for ever: Node's recursive mkdir retries a folder
 * whose mkdir fails with ENOENT while its parent exists, as on procfs. The folders other
 * settings name (AUTH_LOCAL_ISSUER_DIR, and the folders of EMD_CDS_SQLITE_FILE and
 * store.auditSecretFile) stopped it too, but with Node's own line (`ENOENT: … mkdir`).
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runBuiltService } from '../support/built.js';

/** "Within seconds": a start that fails at once takes about 2 s here, most of it loading. */
const DEADLINE_MS = 15_000;
const FATAL = 60;

let dir: string;
let file: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'emd-cds-data-folder-'));
  file = join(dir, 'a-file');
  writeFileSync(file, 'not a folder\n');
});

const onLinux = existsSync('/proc/self');

/** A config file naming only the audit key's file (store.auditSecretFile has no variable). */
function auditKeyConfig(keyFile: string): string {
  const config = join(mkdtempSync(join(dir, 'config-')), 'emd-cds.json');
  writeFileSync(config, JSON.stringify({ store: { auditSecretFile: keyFile } }));
  return config;
}

describe('a data folder that cannot be used', () => {
  const cases: [string, () => string, string, boolean][] = [
    ['a new folder on procfs', () => '/proc/emd-cds-data', 'ENOENT', onLinux],
    ['a folder two levels into procfs', () => '/proc/emd-cds/data', 'ENOENT', onLinux],
    ['a file', () => file, 'ENOTDIR', true],
    ['a folder under a file', () => join(file, 'data'), 'ENOTDIR', true],
  ];
  for (const [name, folder, code, runs] of cases)
    it.runIf(runs)(
      `stops the start within seconds on ${name}, naming EMD_CDS_DATA_DIR, the folder and ${code}`,
      async () => {
        const dataDir = folder();
        const {
          code: exitCode,
          output,
          lines,
        } = await runBuiltService(
          { PORT: '0', HOST: '127.0.0.1', EMD_CDS_DATA_DIR: dataDir },
          DEADLINE_MS,
        );
        expect(exitCode).toBe(1);
        const fatal = lines.filter((line) => line.level === FATAL);
        expect(fatal).toHaveLength(1);
        expect(fatal[0]?.msg.startsWith(`EMD_CDS_DATA_DIR: ${dataDir} `)).toBe(true);
        expect(fatal[0]?.msg).toContain(`(${code})`);
        // A stack trace's frames are lines beginning `    at `.
        expect(output.split('\n').filter((line) => line.trimStart().startsWith('at '))).toEqual([]);
      },
      DEADLINE_MS + 5_000,
    );

  // The cause was the mkdir, not the setting: no other folder the start makes hangs it, and
  // each names its setting as the data folder does (docs/security.md, "Misconfiguration").
  const FOLDER_ADVICE = "name a folder the service's user may create, or one it may write";
  const FILE_ADVICE = "name a file in a folder the service's user may create, or one it may write";
  /** Each setting; its value in a place (a folder, or a file in it); the env that sets it. */
  const others: [
    string,
    (place: string) => string,
    (value: string) => Record<string, string>,
    string,
    string,
  ][] = [
    [
      'AUTH_LOCAL_ISSUER_DIR',
      (place) => place,
      (value) => ({ AUTH_LOCAL_ISSUER_DIR: value }),
      FOLDER_ADVICE,
      'auth.localIssuerDir',
    ],
    [
      'EMD_CDS_SQLITE_FILE',
      (place) => join(place, 'emd-cds.sqlite'),
      (value) => ({ EMD_CDS_SQLITE_FILE: value }),
      FILE_ADVICE,
      'store.sqliteFile',
    ],
    [
      'store.auditSecretFile',
      (place) => join(place, 'audit-secret'),
      (value) => ({ EMD_CDS_CONFIG: auditKeyConfig(value) }),
      FILE_ADVICE,
      'or set EMD_CDS_AUDIT_SECRET',
    ],
  ];
  const places: [string, () => string, string, boolean][] = [
    ['in procfs', () => '/proc/emd-cds/place', 'ENOENT', onLinux],
    ['under a file', () => join(file, 'place'), 'ENOTDIR', true],
  ];
  /** The start with `env` set: exit 1 and one fatal line naming `setting`, `value` and `code`. */
  async function expectRefused(
    setting: string,
    value: string,
    env: Record<string, string>,
    code: string,
    advice: string,
    aside: string,
  ): Promise<void> {
    const { code: exitCode, lines } = await runBuiltService(
      { PORT: '0', HOST: '127.0.0.1', EMD_CDS_DATA_DIR: mkdtempSync(join(dir, 'data-')), ...env },
      DEADLINE_MS,
    );
    expect(exitCode).toBe(1);
    const fatal = lines.filter((line) => line.level === FATAL);
    expect(fatal).toHaveLength(1);
    expect(fatal[0]?.msg.startsWith(`${setting}: ${value} cannot be used `)).toBe(true);
    expect(fatal[0]?.msg).toContain(`(${code})`);
    expect(fatal[0]?.msg).toContain(advice);
    expect(fatal[0]?.msg).toContain(aside);
  }

  for (const [setting, valueIn, env, advice, aside] of others)
    for (const [where, place, code, runs] of places)
      it.runIf(runs)(
        `stops the start within seconds on ${setting} ${where}, naming it and ${code}`,
        async () => {
          const value = valueIn(place());
          await expectRefused(setting, value, env(value), code, advice, aside);
        },
        DEADLINE_MS + 5_000,
      );

  // A file setting that names a folder: Node's EISDIR, on opening or reading it, named no
  // setting either. The same line, with the file advice.
  for (const [setting, , env, advice, aside] of others.filter(
    ([, , , advice]) => advice === FILE_ADVICE,
  ))
    it(
      `stops the start within seconds on ${setting} naming a folder, naming it and EISDIR`,
      async () => {
        const value = mkdtempSync(join(dir, 'a-folder-'));
        await expectRefused(setting, value, env(value), 'EISDIR', advice, aside);
      },
      DEADLINE_MS + 5_000,
    );
});
