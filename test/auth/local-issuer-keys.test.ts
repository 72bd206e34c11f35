/**
 * The local test issuer's key pair (docs/security.md §2.4, "Local test issuer key pair"):
 * `private.jwk.json` (mode 0600) and `jwks.json` in `AUTH_LOCAL_ISSUER_DIR`, a directory
 * created with mode 0700, generated on the first start and reused by the next ones, so tokens
 * minted with `npm run token` keep working across restarts. Real files in a fresh folder.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureLocalIssuerKeys } from '../../src/auth/local-issuer.js';

const root = mkdtempSync(join(tmpdir(), 'emd-cds-local-issuer-'));
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});
const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('the local issuer key pair', () => {
  it('is created on first start in a 0700 folder, its private key 0600', async () => {
    const dir = join(root, 'first', 'local-issuer');

    const keys = await ensureLocalIssuerKeys(dir);

    expect(modeOf(dir)).toBe(0o700);
    expect(modeOf(join(dir, 'private.jwk.json'))).toBe(0o600);
    // ES384 (docs/security.md §2.1) is ECDSA on P-384 (RFC 7518 §3.1); `d`, the private part,
    // only in the private file.
    expect(keys.privateJwk).toMatchObject({ kty: 'EC', crv: 'P-384', alg: 'ES384', use: 'sig' });
    expect(typeof keys.privateJwk.d).toBe('string');
    expect(keys.publicJwk.d).toBeUndefined();
    expect(keys.publicJwk.kid).toBe(keys.privateJwk.kid);
  });

  it('is reused on a second start, its files left as they were', async () => {
    const dir = join(root, 'second', 'local-issuer');
    const first = await ensureLocalIssuerKeys(dir);
    const privateText = readFileSync(join(dir, 'private.jwk.json'), 'utf8');
    const publicText = readFileSync(join(dir, 'jwks.json'), 'utf8');

    const second = await ensureLocalIssuerKeys(dir);

    expect(second).toEqual(first);
    expect(readFileSync(join(dir, 'private.jwk.json'), 'utf8')).toBe(privateText);
    expect(readFileSync(join(dir, 'jwks.json'), 'utf8')).toBe(publicText);
    expect(modeOf(join(dir, 'private.jwk.json'))).toBe(0o600);
  });
});
