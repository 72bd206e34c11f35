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
import { pino } from 'pino';
import { readIssuersFile } from '../../src/auth/auth-settings.js';
import { parseConfigText } from '../../src/config/config-file.js';
import { optionsFromEnvironment } from '../../src/config/environment.js';
import { startService } from '../../src/service.js';
import { testServiceEnv } from '../support/service-env.js';

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
 * A static `jwks` holds public keys only. A JWK with a private member — RFC 7518 §6.2.2 EC `d`,
 * §6.3.2 RSA `d`, `p`, `q`, `dp`, `dq`, `qi`, §6.4.1 symmetric `k` — is the EHR's signing key
 * in a configuration file (docs/security.md §4.2): refused at load, naming the file, the entry,
 * the key's kid and the members, with why and what to do, never a member's value. The member
 * values below are placeholders: only their presence matters.
 */
describe('an issuers file holding private key material', () => {
  const ecPublic = { kty: 'EC', crv: 'P-384', kid: 'ehr-ec-2026', x: 'eHg', y: 'eXk' };
  const rsaPublic = { kty: 'RSA', kid: 'ehr-rsa-2026', n: 'bm5u', e: 'AQAB' };
  const rsaPrivate = { dp: 'ZHA', dq: 'ZHE', qi: 'cWk', p: 'cHA', q: 'cXE', d: 'ZGRk' };
  const cases: [string, Record<string, unknown>, string, string][] = [
    ['an EC private key', { ...ecPublic, d: 'PRIVATE-EC-D' }, '"ehr-ec-2026"', 'd'],
    [
      'an RSA private key',
      { ...rsaPublic, ...rsaPrivate },
      '"ehr-rsa-2026"',
      'd, p, q, dp, dq, qi',
    ],
    ['a symmetric key', { kty: 'oct', kid: 'shared-2026', k: 'PRIVATE-K' }, '"shared-2026"', 'k'],
    [
      'a private key without a kid',
      { kty: 'EC', crv: 'P-384', x: 'eHg', y: 'eXk', d: 'ZA' },
      '1 (no kid)',
      'd',
    ],
  ];
  for (const [name, jwk, keyName, members] of cases)
    it(`refuses ${name}, naming the file, the issuer, the key and what to do`, () => {
      const file = issuersFile(
        JSON.stringify([
          { iss: 'https://ehr.hospital.example', jku: ['https://ehr.hospital.example/jwks.json'] },
          { iss: 'https://partner-ehr.example', jwks: { keys: [ecPublic, jwk] } },
        ]),
      );
      let message = '';
      try {
        readIssuersFile(file);
      } catch (error) {
        message = error instanceof Error ? error.message : String(error);
      }
      const lines = message.split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(
        `${file} 1.jwks.keys.1: issuer https://partner-ehr.example: key ${keyName} is a private key (it has ${members})`,
      );
      expect(message).toContain("the EHR's signing key");
      expect(message).toContain('Keep only the public members');
      expect(message).toContain('tell the EHR its key is exposed');
      expect(message).not.toContain('PRIVATE-');
    });

  it('stops the start of the service as npm start builds it', async () => {
    const file = issuersFile(
      JSON.stringify([
        { iss: 'https://partner-ehr.example', jwks: { keys: [{ ...ecPublic, d: 'PRIVATE-D' }] } },
      ]),
    );
    const options = optionsFromEnvironment(
      testServiceEnv({ AUTH: 'on', AUTH_LOCAL_ISSUER: 'off', AUTH_ISSUERS_FILE: file }),
    );
    await expect(startService(options, pino({ level: 'silent' }))).rejects.toThrow(
      `${file} 0.jwks.keys.0: issuer https://partner-ehr.example: key "ehr-ec-2026" is a private key (it has d)`,
    );
  });

  it("refuses one in the config file's auth.issuers too, at its line", () => {
    const yaml = [
      'auth:',
      '  issuers:',
      '    - iss: https://partner-ehr.example',
      '      jwks:',
      '        keys:',
      '          - { kty: EC, crv: P-384, kid: ehr-ec-2026, x: eHg, y: eXk, d: PRIVATE-D }',
      '',
    ].join('\n');
    expect(() => parseConfigText(yaml, 'emd-cds.yaml')).toThrow(
      /emd-cds\.yaml:6:13 auth\.issuers\.0\.jwks\.keys\.0: issuer https:\/\/partner-ehr\.example: key "ehr-ec-2026" is a private key \(it has d\)/,
    );
  });

  it('accepts public keys only, EC and RSA, as the EHR gives them', () => {
    const file = issuersFile(
      JSON.stringify([
        {
          iss: 'https://partner-ehr.example',
          jwks: { keys: [ecPublic, { ...rsaPublic, use: 'sig', alg: 'RS384' }] },
        },
      ]),
    );
    expect(readIssuersFile(file)).toMatchObject([
      { iss: 'https://partner-ehr.example', jwks: { keys: [ecPublic, rsaPublic] } },
    ]);
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

  it('with a misspelt literal is named at the token, without quoting the text around it', () => {
    const { message, file } = problemOf(
      '[{"iss": "https://ehr.hospital.example", "jwks": {"keys": [{"kty": "EC", "d": "PRIVATE-D"}]}, "x": tru}]',
    );
    // The `}` where `true` should go on is the 103rd character of the line.
    expect(message).toBe(`${file}:1:103 Unexpected token '}': not valid JSON`);
  });

  it('with nothing after a key is named at the token, without quoting the text', () => {
    const { message, file } = problemOf('[{"iss": }]');
    expect(message).toBe(`${file}:1:10 Unexpected token '}': not valid JSON`);
  });
});
