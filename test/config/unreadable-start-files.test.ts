/**
 * A file named by an environment variable that cannot be read stops the start naming the
 * variable (docs/security.md §3, "Misconfiguration": "a bad one stops the start naming it"),
 * the file and why, without a stack trace. An operator who got
 * `ENOENT: no such file or directory, open '/etc/emd-cds/hospital-ca.pem'` was not told that
 * FHIR_CA_FILES named it, nor `/etc/emd-cds/issuers.json: EISDIR: …` that AUTH_ISSUERS_FILE did.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { startBuiltService } from '../support/built.js';
import { jsonLogLines } from '../support/logs.js';

const DEADLINE_MS = 30_000;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'emd-cds-unreadable-'));
});

/** The built service's exit code and output, started with `env`; killed if it listens. */
async function start(env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  const child = startBuiltService({
    PORT: '0',
    HOST: '127.0.0.1',
    EMD_CDS_DATA_DIR: mkdtempSync(join(dir, 'data-')),
    AUTH_LOCAL_ISSUER_DIR: join(dir, 'issuer'),
    ...env,
  });
  let out = '';
  const read = (chunk: Buffer) => {
    out += chunk.toString();
    if (out.includes('listening on')) child.kill('SIGTERM');
  };
  child.stdout.on('data', read);
  child.stderr.on('data', read);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, out };
}

describe('a start-up file that cannot be read', () => {
  const missing = () => join(dir, 'no-such-file');
  const cases: [string, () => string, string][] = [
    ['AUTH_ISSUERS_FILE', missing, 'ENOENT'],
    ['AUTH_ISSUERS_FILE', () => dir, 'EISDIR'],
    ['FHIR_CA_FILES', missing, 'ENOENT'],
    ['AUTH_CDS_HOOKS_SANDBOX_JWKS', missing, 'ENOENT'],
  ];
  for (const [setting, path, code] of cases)
    it(
      `stops the start naming ${setting}, the file and ${code}`,
      async () => {
        const file = path();
        const env: Record<string, string> = { [setting]: file };
        if (setting === 'AUTH_CDS_HOOKS_SANDBOX_JWKS') env.AUTH_TRUST_CDS_HOOKS_SANDBOX = 'true';
        const { code: exitCode, out } = await start(env);
        expect(exitCode).toBe(1);
        const fatal = jsonLogLines<{ level: number; msg: string }>(out).filter(
          (line) => line.level === 60,
        );
        expect(fatal).toHaveLength(1);
        expect(fatal[0]?.msg.startsWith(`${setting}: ${file}`)).toBe(true);
        expect(fatal[0]?.msg).toContain(code);
        // A stack trace's frames are lines beginning `    at `.
        expect(out.split('\n').filter((line) => line.trimStart().startsWith('at '))).toEqual([]);
      },
      DEADLINE_MS,
    );
});
