/**
 * A local test issuer, so the README's curl examples and local tools work with
 * authentication on: an ES384 key pair generated on first use and kept outside the
 * repository (mode 0600). Anyone who can read the private key can call the service, so
 * production deployments switch it off (AUTH_LOCAL_ISSUER=off; docs/security.md).
 */
import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import { prepareSettingFolder, type SettingFolder } from '../store/setting-folder.js';
import type { TrustedIssuer } from './trusted-issuers.js';

export const LOCAL_ISSUER = 'urn:emd-cds:local-test-issuer';

/** The key folder's setting, named when the folder cannot be made or written. */
const KEY_FOLDER: SettingFolder = {
  setting: 'AUTH_LOCAL_ISSUER_DIR',
  use: "as the local test issuer's key folder",
  instead: 'a folder',
  aside: 'auth.localIssuerDir in the config file is the same setting',
  docs: 'docs/configuring.md',
};

export interface KeyFiles {
  privateJwk: JWK;
  publicJwk: JWK;
}

/**
 * The key pair in `dir`, generated there the first time. A folder or private key that is
 * already there and open to other users (any group or other bit) is refused, naming the file,
 * its mode and the `chmod` that fixes it, as OpenSSH refuses a private key that is "too open".
 * Not tightened quietly: a key others could read may have been copied already, and only the
 * site can tell whether to chmod it or delete it for a new one (docs/security.md §2.4).
 */
export async function ensureLocalIssuerKeys(dir: string): Promise<KeyFiles> {
  const privatePath = join(dir, 'private.jwk.json');
  const publicPath = join(dir, 'jwks.json');
  if (existsSync(dir)) refuseOpenMode(dir, 'folder');
  if (existsSync(privatePath)) refuseOpenMode(privatePath, 'private key');
  if (existsSync(privatePath) && existsSync(publicPath)) {
    return {
      privateJwk: JSON.parse(readFileSync(privatePath, 'utf8')) as JWK,
      publicJwk: (JSON.parse(readFileSync(publicPath, 'utf8')) as { keys: JWK[] }).keys[0] ?? {},
    };
  }
  const { privateKey, publicKey } = await generateKeyPair('ES384', { extractable: true });
  const kid = randomUUID();
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'ES384', use: 'sig' };
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES384', use: 'sig' };
  prepareSettingFolder(dir, KEY_FOLDER);
  writeFileSync(privatePath, `${JSON.stringify(privateJwk, null, 2)}\n`, { mode: 0o600 });
  chmodSync(privatePath, 0o600);
  writeFileSync(publicPath, `${JSON.stringify({ keys: [publicJwk] }, null, 2)}\n`);
  return { privateJwk, publicJwk };
}

/**
 * What other users may do with a folder or private key whose mode has group or other bits,
 * and the mode the service itself gives it. The mode bits are checked, not whether a read
 * would succeed: root reads anything, and the tests run as root on CI.
 */
const TOO_OPEN = {
  folder: {
    mode: 0o700,
    risk: "lets other users into the local test issuer's key folder, to read or replace its key pair as the files' modes allow",
  },
  'private key': {
    mode: 0o600,
    risk: "lets other users read the local test issuer's private key, and with it mint tokens this service accepts",
  },
} as const;

/** Throws when `path` is open to other users than the service's own. */
function refuseOpenMode(path: string, what: keyof typeof TOO_OPEN): void {
  const mode = statSync(path).mode & 0o777;
  if ((mode & 0o077) === 0) return;
  const octal = (bits: number) => bits.toString(8).padStart(4, '0');
  throw new Error(
    `${path}: mode ${octal(mode)} ${TOO_OPEN[what].risk}; run \`chmod ${TOO_OPEN[what].mode.toString(8)} ${path}\` (if others may have read the private key, delete the folder instead: a new key pair is made at the next start)`,
  );
}

/** The local test issuer, trusted with its public key (a verifier never needs the private one). */
export function localIssuer(publicJwk: JWK): TrustedIssuer {
  return {
    iss: LOCAL_ISSUER,
    jku: [],
    jwks: { keys: [publicJwk as { kty: string }] },
    note: 'local test issuer (npm run token)',
  };
}

/** A token as a CDS client would send it (CDS Hooks 2.0 §JWT), valid for `ttlSeconds`. */
export async function mintLocalToken(
  keys: KeyFiles,
  audience: string,
  ttlSeconds = 300,
): Promise<string> {
  const key = await importJWK(keys.privateJwk, 'ES384');
  return new SignJWT({ jti: randomUUID() })
    .setProtectedHeader({ alg: 'ES384', typ: 'JWT', kid: keys.privateJwk.kid ?? '' })
    .setIssuer(LOCAL_ISSUER)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(`${String(ttlSeconds)}s`)
    .sign(key);
}
