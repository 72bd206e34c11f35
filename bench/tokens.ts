/**
 * Fresh JWTs for the service with authentication on: every call needs its own (the service
 * refuses a replayed jti), and mintLocalToken is async and slow (ES384: it imports the
 * private key and signs, about 4 ms a token here), so a pool is minted before each run and
 * handed out one per request. Minting is measured and reported, never counted in the
 * results. (Minting in worker threads was tried: on this 2-core VM it gained about 10 %.)
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureLocalIssuerKeys, mintLocalToken } from '../src/auth/local-issuer.js';

const BATCH = 100;

export interface TokenPool {
  /** A JSON file holding the tokens, read by the load generator's request hook. */
  file: string;
  count: number;
  mintMs: number;
}

/** Mints `count` tokens for `audience` (the endpoint's public URL) in parallel batches. */
export async function mintTokenPool(args: {
  keyDir: string;
  audience: string;
  count: number;
  dir: string;
  name: string;
}): Promise<TokenPool> {
  const keys = await ensureLocalIssuerKeys(args.keyDir);
  const started = performance.now();
  const tokens: string[] = [];
  for (let minted = 0; minted < args.count; minted += BATCH) {
    const batch = Math.min(BATCH, args.count - minted);
    tokens.push(
      ...(await Promise.all(
        Array.from({ length: batch }, () => mintLocalToken(keys, args.audience)),
      )),
    );
  }
  const mintMs = performance.now() - started;
  const file = join(args.dir, `${args.name}.tokens.json`);
  writeFileSync(file, JSON.stringify(tokens));
  return { file, count: tokens.length, mintMs };
}
