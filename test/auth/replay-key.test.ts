/**
 * The replay cache's key stays small whatever the jti: RFC 7519 §4.1.7 sets no length on a
 * jti, and the key is a primary key in the deployment's database, where PostgreSQL refuses a
 * B-tree entry above 2704 bytes ("index row size … exceeds btree version 4 maximum 2704"):
 * a long jti then failed the insert and opened the shared-state circuit for every caller.
 */
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createJwtVerifier } from '../../src/auth/jwt-verifier.js';
import { InMemoryReplayCache, type ReplayCache } from '../../src/auth/replay-cache.js';
import { makeKey, signToken, type TestKey } from '../support/tokens.js';

const EHR = 'https://ehr.hospital.example';
const AUD = 'https://cds.hospital.example/cds-services/emd-patient-view';
const POSTGRES_BTREE_MAX_BYTES = 2704;

let key: TestKey;
beforeAll(async () => {
  key = await makeKey('ES384');
});

function verifierWith(replay: ReplayCache) {
  return createJwtVerifier(
    {
      enabled: true,
      issuers: [{ iss: EHR, jku: [], jwks: { keys: [key.publicJwk as { kty: string }] } }],
      publicBaseUrl: 'https://cds.hospital.example',
      clockToleranceSeconds: 60,
      maxTokenAgeSeconds: 300,
    },
    replay,
  );
}

describe('the replay key of a jti', () => {
  it('fits a PostgreSQL index entry for a jti of 8,000 random characters', async () => {
    const keys: string[] = [];
    const verify = verifierWith({
      rememberOnce: (k) => {
        keys.push(k);
        return Promise.resolve(true);
      },
    });
    const jti = randomBytes(6000).toString('base64url');
    expect(jti).toHaveLength(8000);
    await verify(`Bearer ${await signToken(key, { iss: EHR, aud: AUD, jti })}`, AUD);
    expect(keys).toHaveLength(1);
    expect(Buffer.byteLength(keys[0] ?? '')).toBeLessThanOrEqual(POSTGRES_BTREE_MAX_BYTES);
  });

  it('still refuses the second use of a long jti, and accepts a jti that differs in its last character', async () => {
    const verify = verifierWith(new InMemoryReplayCache());
    const jti = 'j'.repeat(7999);
    const sign = (value: string) => signToken(key, { iss: EHR, aud: AUD, jti: value });
    await verify(`Bearer ${await sign(`${jti}1`)}`, AUD);
    await expect(verify(`Bearer ${await sign(`${jti}1`)}`, AUD)).rejects.toMatchObject({
      reason: 'replayed',
    });
    await expect(verify(`Bearer ${await sign(`${jti}2`)}`, AUD)).resolves.toMatchObject({
      iss: EHR,
    });
  });
});
