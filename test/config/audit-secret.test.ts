/**
 * The audit key's reading (src/config/audit-secret.ts): base64 (RFC 4648 §4) of at least 32
 * bytes, from EMD_CDS_AUDIT_SECRET or from the key file; anything else is refused at start-up
 * naming where it came from, instead of being read as other bytes or as a weak key.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadAuditSecret } from '../../src/config/audit-secret.js';

const dir = mkdtempSync(join(tmpdir(), 'emd-cds-audit-secret-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

// 32 bytes 0x00..0x1f in base64, written out by hand from RFC 4648's alphabet.
const KEY_32 = 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=';
const BYTES_32 = Buffer.from([...Array(32).keys()]);

const REFUSED = /must be at least 32 bytes, base64-encoded/;

describe('loadAuditSecret', () => {
  it('reads a base64 key of 32 bytes from the environment and from the key file', () => {
    expect(loadAuditSecret(KEY_32, join(dir, 'unused'))).toEqual(BYTES_32);
    const file = join(dir, 'good-key');
    writeFileSync(file, `${KEY_32}\n`);
    expect(loadAuditSecret(undefined, file)).toEqual(BYTES_32);
  });

  it.each([
    ['a quoted key, pasted with its quotes', `"${KEY_32}"`],
    ['a key with a space in it', `${KEY_32.slice(0, 20)} ${KEY_32.slice(20)}`],
    ['a key cut short (31 bytes)', 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHg=='],
    ['base64url, not base64', '-_-_AwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8='],
    ['a key with padding in the middle', `AA==${KEY_32}`],
  ])('refuses %s from the environment, naming it', (_, key) => {
    expect(() => loadAuditSecret(key, join(dir, 'unused'))).toThrow(
      new RegExp(`^EMD_CDS_AUDIT_SECRET: ${REFUSED.source}`),
    );
  });

  it.each([
    ['an empty key file', ''],
    ['a key file cut short', 'AAECAwQFBgcICQoLDA0ODxAR\n'],
  ])('refuses %s, naming the file', (name, content) => {
    const file = join(dir, name.replaceAll(' ', '-'));
    writeFileSync(file, content);
    expect(() => loadAuditSecret(undefined, file)).toThrow(`${file}: must be at least 32 bytes`);
  });

  it('writes a new key file of 32 bytes, private to the service, when there is none', () => {
    const file = join(dir, 'new', 'audit-secret');
    const key = loadAuditSecret(undefined, file);
    expect(key).toHaveLength(32);
    expect(readFileSync(file, 'utf8')).toMatch(/^[A-Za-z0-9+/]{43}=\n$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadAuditSecret(undefined, file)).toEqual(key);
  });
});
