/** Signing keys and tokens for the authentication tests, made with jose as a CDS client would. */
import { randomUUID } from 'node:crypto';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import { createJwtVerifier, type VerifiedCaller } from '../../src/auth/jwt-verifier.js';
import { InMemoryReplayCache } from '../../src/auth/replay-cache.js';

export interface TestKey {
  alg: 'ES384' | 'RS384';
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export async function makeKey(
  alg: 'ES384' | 'RS384',
  kid: string = randomUUID(),
): Promise<TestKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg);
  return {
    alg,
    kid,
    privateKey,
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' },
  };
}

export interface TokenOptions {
  iss: string;
  aud: string | string[];
  jku?: string;
  /** Seconds relative to now. */
  iatOffset?: number;
  expOffset?: number;
  jti?: string;
  tenant?: string;
  omit?: ('iss' | 'aud' | 'jti' | 'exp' | 'iat')[];
  /** Claims set as given, over the ones above (a wrong type, an empty `jti`, an `nbf`). */
  claims?: Record<string, unknown>;
  /** Header `typ` (default "JWT"); null leaves it out. */
  typ?: string | null;
  /** Header `kid` (default the key's); null leaves it out. */
  kid?: string | null;
}

export async function signToken(key: TestKey, options: TokenOptions): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const all: Record<string, unknown> = {
    iss: options.iss,
    aud: options.aud,
    iat: now + (options.iatOffset ?? 0),
    exp: now + (options.expOffset ?? 300),
    jti: options.jti ?? randomUUID(),
    ...(options.tenant ? { tenant: options.tenant } : {}),
    ...options.claims,
  };
  const omitted = new Set<string>(options.omit ?? []);
  const claims = Object.fromEntries(Object.entries(all).filter(([name]) => !omitted.has(name)));
  return new SignJWT(claims)
    .setProtectedHeader({
      alg: key.alg,
      ...(options.typ === null ? {} : { typ: options.typ ?? 'JWT' }),
      ...(options.kid === null ? {} : { kid: options.kid ?? key.kid }),
      ...(options.jku ? { jku: options.jku } : {}),
    })
    .sign(key.privateKey);
}

/** An unsigned token (`alg: none`), which must never be accepted. */
export function unsignedToken(claims: Record<string, unknown>): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'none', typ: 'JWT', kid: 'any' })}.${encode(claims)}.`;
}

/**
 * One verifier, as the service keeps one for its life, trusting the issuer `iss` whose keys
 * are at `jwksUrl` (a remote JWKS; loopback http is allowed); the function it returns verifies
 * a fresh token signed with `key`, for the audience `aud`.
 */
export function remoteKeysVerifier(
  iss: string,
  jwksUrl: string,
  aud: string,
): (key: TestKey) => Promise<VerifiedCaller> {
  const verify = createJwtVerifier(
    {
      enabled: true,
      issuers: [{ iss, jku: [], jwksUrl }],
      publicBaseUrl: 'https://cds.hospital.example',
      clockToleranceSeconds: 60,
      maxTokenAgeSeconds: 300,
    },
    new InMemoryReplayCache(),
  );
  return async (key) => verify(`Bearer ${await signToken(key, { iss, aud })}`, aud);
}
