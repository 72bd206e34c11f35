/**
 * Fresh JWTs for the service with authentication on: every call needs its own (the service
 * refuses a replayed jti), so a pool is minted before each run and handed out one per
 * request. Two signers: the local test issuer's ES384 key (what `npm run token` uses) and
 * an RS384 key made for the run, trusted through an issuers file (AUTH_ISSUERS_FILE). Each
 * imports its private key once, so a token costs one signature. Minting is measured and
 * reported, never counted in the results. (Minting in worker threads was tried: on this
 * 2-core VM it gained about 10 %.)
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import { LOCAL_ISSUER, type KeyFiles } from '../src/auth/local-issuer.js';

const BATCH = 100;

export type BenchAlgorithm = 'ES384' | 'RS384';

export interface Signer {
  alg: BenchAlgorithm;
  iss: string;
  publicJwk: JWK;
  /** The public key as jose verifies with it (the verify baselines). */
  publicKey: CryptoKey;
  mint(audience: string): Promise<string>;
}

function signerOf(
  alg: BenchAlgorithm,
  iss: string,
  privateKey: CryptoKey,
  publicKey: CryptoKey,
  publicJwk: JWK,
): Signer {
  const kid = publicJwk.kid ?? '';
  return {
    alg,
    iss,
    publicJwk,
    publicKey,
    // The claims a CDS client sends (CDS Hooks 2.0 §JWT), valid for five minutes.
    mint: (audience) =>
      new SignJWT({ jti: randomUUID() })
        .setProtectedHeader({ alg, typ: 'JWT', kid })
        .setIssuer(iss)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime('300s')
        .sign(privateKey),
  };
}

/** The local test issuer's key pair (ES384), as the service trusts it. */
export async function localIssuerSigner(keys: KeyFiles): Promise<Signer> {
  const privateKey = (await importJWK(keys.privateJwk, 'ES384')) as CryptoKey;
  const publicKey = (await importJWK(keys.publicJwk, 'ES384')) as CryptoKey;
  return signerOf('ES384', LOCAL_ISSUER, privateKey, publicKey, keys.publicJwk);
}

export const RS384_ISSUER = 'urn:emd-cds:bench-rs384';

/**
 * A fresh RSA-2048 key pair for RS384, and the issuers file (AUTH_ISSUERS_FILE) that makes
 * the service trust it with a static JWKS.
 */
export async function rs384Signer(dir: string): Promise<{ signer: Signer; issuersFile: string }> {
  const { privateKey, publicKey } = await generateKeyPair('RS384', { extractable: true });
  const publicJwk = {
    ...(await exportJWK(publicKey)),
    kid: randomUUID(),
    alg: 'RS384',
    use: 'sig',
  };
  const issuersFile = join(dir, 'bench-issuers.json');
  writeFileSync(
    issuersFile,
    JSON.stringify([{ iss: RS384_ISSUER, jwks: { keys: [publicJwk] }, note: 'npm run bench' }]),
  );
  return { signer: signerOf('RS384', RS384_ISSUER, privateKey, publicKey, publicJwk), issuersFile };
}

export interface TokenPool {
  /** A JSON file holding the tokens, read by the load generator's request hook. */
  file: string;
  count: number;
  mintMs: number;
}

/** Mints `count` tokens for `audience` (the endpoint's public URL) in parallel batches. */
export async function mintTokenPool(args: {
  signer: Signer;
  audience: string;
  count: number;
  dir: string;
  name: string;
}): Promise<TokenPool> {
  const started = performance.now();
  const tokens: string[] = [];
  for (let minted = 0; minted < args.count; minted += BATCH) {
    const batch = Math.min(BATCH, args.count - minted);
    tokens.push(
      ...(await Promise.all(Array.from({ length: batch }, () => args.signer.mint(args.audience)))),
    );
  }
  const mintMs = performance.now() - started;
  const file = join(args.dir, `${args.name}.tokens.json`);
  writeFileSync(file, JSON.stringify(tokens));
  return { file, count: tokens.length, mintMs };
}
