/**
 * AUTH_ISSUERS_FILE (docs/security.md §4.2): a file that does not fit the schema stops the start
 * with its problems written as every configuration problem is (docs/configuring.md §1),
 * `file path: message`, one line each, so the log says which entry and field to fix: not
 * zod's multi-line layout.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readIssuersFile } from '../../src/auth/auth-settings.js';

const dir = mkdtempSync(join(tmpdir(), 'emd-cds-issuers-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function issuersFile(text: string): string {
  const file = join(dir, 'issuers.json');
  writeFileSync(file, text);
  return file;
}

describe('an issuers file that does not fit the schema', () => {
  it('names the file and the field of each problem, one line each', () => {
    const file = issuersFile(
      JSON.stringify([
        {
          iss: 'https://ehr.hospital.example',
          jku: ['https://ehr.hospital.example/.well-known/jwks.json'],
          jwks_url: 'https://keys.hospital.example/jwks.json',
        },
        { iss: 42, jku: ['https://ehr2.hospital.example/.well-known/jwks.json'] },
      ]),
    );
    let message = '';
    try {
      readIssuersFile(file);
    } catch (error) {
      message = error instanceof Error ? error.message : String(error);
    }
    expect(message.split('\n')).toEqual([
      `${file} 0.jwks_url: Unrecognized key: "jwks_url"`,
      `${file} 1.iss: Invalid input: expected string, received number`,
    ]);
  });

  it('gives each unknown key of an entry a line of its own', () => {
    const file = issuersFile(
      JSON.stringify([
        {
          iss: 'https://ehr.hospital.example',
          jku: ['https://ehr.hospital.example/.well-known/jwks.json'],
          jwks_url: 'https://keys.hospital.example/jwks.json',
          tenant: 'hospital-a',
        },
      ]),
    );
    expect(() => readIssuersFile(file)).toThrow(
      [
        `${file} 0.jwks_url: Unrecognized key: "jwks_url"`,
        `${file} 0.tenant: Unrecognized key: "tenant"`,
      ].join('\n'),
    );
  });

  it('still names the file when it is not JSON', () => {
    const file = issuersFile('[{"iss": }]');
    expect(() => readIssuersFile(file)).toThrow(`${file}: `);
  });
});
