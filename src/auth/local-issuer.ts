/**
 * A local test issuer, so the README's curl examples and local tools work with
 * authentication on: an ES384 key pair generated on first use and kept outside the
 * repository (mode 0600). Anyone who can read the private key can call the service, so
 * production deployments switch it off (AUTH_LOCAL_ISSUER=off; docs/security.md).
 */
import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import type { TrustedIssuer } from './trusted-issuers.js';

export const LOCAL_ISSUER = 'urn:emd-cds:local-test-issuer';

export interface KeyFiles {
  privateJwk: JWK;
  publicJwk: JWK;
}

/** The key pair in `dir`, generated there the first time. */
export async function ensureLocalIssuerKeys(dir: string): Promise<KeyFiles> {
  const privatePath = join(dir, 'private.jwk.json');
  const publicPath = join(dir, 'jwks.json');
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
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(privatePath, `${JSON.stringify(privateJwk, null, 2)}\n`, { mode: 0o600 });
  chmodSync(privatePath, 0o600);
  writeFileSync(publicPath, `${JSON.stringify({ keys: [publicJwk] }, null, 2)}\n`);
  return { privateJwk, publicJwk };
}

export function localIssuer(keys: KeyFiles): TrustedIssuer {
  return {
    iss: LOCAL_ISSUER,
    jku: [],
    jwks: { keys: [keys.publicJwk as { kty: string }] },
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
