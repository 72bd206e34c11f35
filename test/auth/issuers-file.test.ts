/**
 * AUTH_ISSUERS_FILE (docs/security.md §4.2): a file that does not fit the schema stops the start
 * with its problems written as every configuration problem is (docs/configuring.md §1),
 * `file path: message`, one line each, so the log says which entry and field to fix: not
 * zod's multi-line layout; one that is not JSON, at its file:line:col.
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
});

/**
 * A file that is not JSON is named at the line and column of the error where V8 gives one, as
 * the value set files are (docs/configuring.md §1), and never with V8's quote of the text
 * around an unexpected token: an issuers file may hold keys. Positions counted by hand off the
 * text written in each case.
 */
describe('an issuers file that is not JSON', () => {
  /** The message readIssuersFile throws for a file holding `text`, and that file. */
  function problemOf(text: string): { message: string; file: string } {
    const file = issuersFile(text);
    try {
      readIssuersFile(file);
    } catch (error) {
      return { message: error instanceof Error ? error.message : String(error), file };
    }
    throw new Error('expected the issuers file to be refused');
  }

  it('with a key not in double quotes is named at the key', () => {
    const { message, file } = problemOf(
      '[\n  {\n    iss: "https://ehr.hospital.example",\n    "jku": []\n  }\n]\n',
    );
    // V8's words for a first key; after a comma it says "Expected double-quoted property name".
    expect(message).toBe(`${file}:3:5 Expected property name or '}'`);
  });

  it('that stops in the middle, ending in a line break, is named at the line after it', () => {
    const { message, file } = problemOf('[\n  {"iss": "https://ehr.hospital.example", "jku": [\n');
    expect(message).toBe(`${file}:3:1 Unexpected end of JSON input`);
  });

  it('with a misspelt literal says the token, without quoting the text around it', () => {
    const { message, file } = problemOf(
      '[{"iss": "https://ehr.hospital.example", "jwks": {"keys": [{"kty": "EC", "d": "PRIVATE-D"}]}, "x": tru}]',
    );
    expect(message).toBe(`${file}: Unexpected token '}': not valid JSON`);
  });

  it('with nothing after a key says the token, without quoting the text', () => {
    const { message, file } = problemOf('[{"iss": }]');
    expect(message).toBe(`${file}: Unexpected token '}': not valid JSON`);
  });
});
