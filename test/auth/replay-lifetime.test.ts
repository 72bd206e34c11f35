/**
 * CDS Hooks best practice: remember each `jti` for as long as its token could be accepted.
 * A token is accepted until `exp` and until it is older than the maximum token age (both
 * with the clock tolerance), so its jti is remembered until the first of the two: a client
 * minting tokens with a distant `exp` must not make every jti linger for that long.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createJwtVerifier } from '../../src/auth/jwt-verifier.js';
import type { ReplayCache } from '../../src/auth/replay-cache.js';
import { makeKey, signToken, type TestKey } from '../support/tokens.js';

const EHR = 'https://ehr.hospital.example';
const AUD = 'https://cds.hospital.example/cds-services/emd-patient-view';
const TOLERANCE_S = 60;
const MAX_AGE_S = 300;

let key: TestKey;
beforeAll(async () => {
  key = await makeKey('ES384');
});

/** Verifies one token and returns the instant its jti was remembered until. */
async function rememberedUntil(iatOffset: number, expOffset: number): Promise<[number, number]> {
  const remembered: number[] = [];
  const recording: ReplayCache = {
    rememberOnce: (_key, expiresAtMs) => {
      remembered.push(expiresAtMs);
      return Promise.resolve(true);
    },
  };
  const verify = createJwtVerifier(
    {
      enabled: true,
      issuers: [{ iss: EHR, jku: [], jwks: { keys: [key.publicJwk as { kty: string }] } }],
      publicBaseUrl: 'https://cds.hospital.example',
      clockToleranceSeconds: TOLERANCE_S,
      maxTokenAgeSeconds: MAX_AGE_S,
    },
    recording,
  );
  const token = await signToken(key, { iss: EHR, aud: AUD, iatOffset, expOffset });
  const { iat } = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as {
    iat: number;
  };
  await verify(`Bearer ${token}`, AUD);
  expect(remembered).toHaveLength(1);
  return [remembered[0] ?? Number.NaN, iat];
}

describe('how long a jti is remembered', () => {
  it('until exp plus the tolerance, for a token that expires within the maximum age', async () => {
    const [until, iat] = await rememberedUntil(0, 120);
    expect(until).toBe((iat + 120 + TOLERANCE_S) * 1000);
  });

  it('until iat plus the maximum age plus the tolerance, for a token with a distant exp', async () => {
    const [until, iat] = await rememberedUntil(0, 365 * 86_400);
    expect(until).toBe((iat + MAX_AGE_S + TOLERANCE_S) * 1000);
  });
});
