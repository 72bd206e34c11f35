/**
 * The local test issuer's key pair (docs/security.md §2.4, "Local test issuer key pair"):
 * `private.jwk.json` (mode 0600) and `jwks.json` in `AUTH_LOCAL_ISSUER_DIR`, a directory
 * created with mode 0700, generated on the first start and reused by the next ones, so tokens
 * minted with `npm run token` keep working across restarts. A folder or private key that is
 * already there and open to other users is refused, named with its mode and the `chmod` that
 * fixes it, and left as it is. Real files in a fresh folder; CI runs as root, which could read
 * any of them: the mode bits are what is checked.
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
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

describe('a local issuer key pair open to other users', () => {
  const folderRisk =
    "lets other users into the local test issuer's key folder, to read or replace its key pair as the files' modes allow";
  const keyRisk =
    "lets other users read the local test issuer's private key, and with it mint tokens this service accepts";
  const deleteInstead =
    '(if others may have read the private key, delete the folder instead: a new key pair is made at the next start)';

  for (const [mode, shown] of [
    [0o755, '0755'],
    [0o750, '0750'],
    [0o701, '0701'],
    [0o770, '0770'],
  ] as const) {
    it(`is refused in a folder of mode ${shown}, which is left as it is`, async () => {
      const dir = join(root, `folder-${shown}`, 'local-issuer');
      await ensureLocalIssuerKeys(dir);
      chmodSync(dir, mode);

      await expect(ensureLocalIssuerKeys(dir)).rejects.toThrow(
        `${dir}: mode ${shown} ${folderRisk}; run \`chmod 700 ${dir}\` ${deleteInstead}`,
      );
      expect(modeOf(dir)).toBe(mode);
    });
  }

  it('is not made in a folder of mode 0755 that exists already, empty', async () => {
    const dir = join(root, 'empty-0755', 'local-issuer');
    mkdirSync(dir, { recursive: true });
    chmodSync(dir, 0o755);

    await expect(ensureLocalIssuerKeys(dir)).rejects.toThrow(
      `${dir}: mode 0755 ${folderRisk}; run \`chmod 700 ${dir}\` ${deleteInstead}`,
    );
    expect(() => statSync(join(dir, 'private.jwk.json'))).toThrow(/ENOENT/);
  });

  for (const [mode, shown] of [
    [0o644, '0644'],
    [0o640, '0640'],
    [0o604, '0604'],
    [0o660, '0660'],
  ] as const) {
    it(`is refused when the private key has mode ${shown}, which is left as it is`, async () => {
      const dir = join(root, `key-${shown}`, 'local-issuer');
      await ensureLocalIssuerKeys(dir);
      const key = join(dir, 'private.jwk.json');
      chmodSync(key, mode);

      await expect(ensureLocalIssuerKeys(dir)).rejects.toThrow(
        `${key}: mode ${shown} ${keyRisk}; run \`chmod 600 ${key}\` ${deleteInstead}`,
      );
      expect(modeOf(key)).toBe(mode);
    });
  }

  it('is used again once chmod has closed it', async () => {
    const dir = join(root, 'closed-again', 'local-issuer');
    const first = await ensureLocalIssuerKeys(dir);
    chmodSync(join(dir, 'private.jwk.json'), 0o644);
    await expect(ensureLocalIssuerKeys(dir)).rejects.toThrow(/mode 0644/);

    chmodSync(join(dir, 'private.jwk.json'), 0o600);

    expect(await ensureLocalIssuerKeys(dir)).toEqual(first);
  });
});
