/**
 * The public CDS Hooks Sandbox preset (docs/security.md §2.1): `https://sandbox.cds-hooks.org`
 * is trusted only with AUTH_TRUST_CDS_HOOKS_SANDBOX=true (default false), its keys read from
 * AUTH_CDS_HOOKS_SANDBOX_JWKS (a local file by default, no network). Production refuses the
 * preset at start: test/config/production-guard.test.ts. Here a key of the test's own stands
 * for the sandbox's published one, in a JWKS file given as AUTH_CDS_HOOKS_SANDBOX_JWKS.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAuthSettings } from '../../src/auth/auth-settings.js';
import { createJwtVerifier } from '../../src/auth/jwt-verifier.js';
import { InMemoryReplayCache } from '../../src/auth/replay-cache.js';
import { optionsFromEnvironment } from '../../src/config/environment.js';
import { testServiceEnv } from '../support/service-env.js';
import { makeKey, signToken, type TestKey } from '../support/tokens.js';

const SANDBOX_ISS = 'https://sandbox.cds-hooks.org';
const SANDBOX_JKU = 'https://sandbox.cds-hooks.org/.well-known/jwks.json';
const PUBLIC_BASE_URL = 'https://cds.hospital.example';
const AUD = `${PUBLIC_BASE_URL}/cds-services/emd-patient-view`;

let dir: string;
let key: TestKey;
let jwksFile: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'emd-cds-sandbox-preset-'));
  key = await makeKey('ES384');
  jwksFile = join(dir, 'sandbox-jwks.json');
  writeFileSync(jwksFile, JSON.stringify({ keys: [key.publicJwk] }));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The verifier the service builds from `env`, the local issuer off. */
async function verifierFor(env: Record<string, string>) {
  const options = optionsFromEnvironment(
    testServiceEnv({ AUTH: 'on', AUTH_LOCAL_ISSUER: 'off', PUBLIC_BASE_URL, ...env }),
  );
  const settings = await buildAuthSettings(options);
  return { settings, verify: createJwtVerifier(settings, new InMemoryReplayCache()) };
}

/** A token as the sandbox sends it: its issuer, and its `jku` in the header. */
function sandboxToken() {
  return signToken(key, { iss: SANDBOX_ISS, aud: AUD, jku: SANDBOX_JKU });
}

describe('the CDS Hooks Sandbox preset', () => {
  it('is not trusted by default: a sandbox token is an unknown issuer', async () => {
    const { settings, verify } = await verifierFor({ AUTH_CDS_HOOKS_SANDBOX_JWKS: jwksFile });

    expect(settings.issuers.map((issuer) => issuer.iss)).not.toContain(SANDBOX_ISS);
    await expect(verify(`Bearer ${await sandboxToken()}`, AUD)).rejects.toMatchObject({
      name: 'AuthFailure',
      reason: 'unknown-issuer',
    });
  });

  it('is not trusted with AUTH_TRUST_CDS_HOOKS_SANDBOX=false', async () => {
    const { verify } = await verifierFor({
      AUTH_TRUST_CDS_HOOKS_SANDBOX: 'false',
      AUTH_CDS_HOOKS_SANDBOX_JWKS: jwksFile,
    });

    await expect(verify(`Bearer ${await sandboxToken()}`, AUD)).rejects.toMatchObject({
      reason: 'unknown-issuer',
    });
  });

  it('trusts the sandbox with its keys from the JWKS file when switched on', async () => {
    const { settings, verify } = await verifierFor({
      AUTH_TRUST_CDS_HOOKS_SANDBOX: 'true',
      AUTH_CDS_HOOKS_SANDBOX_JWKS: jwksFile,
    });

    expect(settings.issuers).toEqual([
      {
        iss: SANDBOX_ISS,
        jku: [SANDBOX_JKU],
        jwks: { keys: [key.publicJwk] },
        note: 'public CDS Hooks Sandbox (testing only)',
      },
    ]);
    await expect(verify(`Bearer ${await sandboxToken()}`, AUD)).resolves.toMatchObject({
      iss: SANDBOX_ISS,
    });
  });

  it('reads the local copy of the published JWKS by default, with no key fetched', async () => {
    const { settings } = await verifierFor({ AUTH_TRUST_CDS_HOOKS_SANDBOX: 'true' });

    const [sandbox] = settings.issuers;
    expect(sandbox?.iss).toBe(SANDBOX_ISS);
    expect(sandbox?.jwksUrl).toBeUndefined();
    // config/auth/cds-hooks-sandbox-jwks.json: the sandbox's one published ES384 key.
    expect(sandbox?.jwks?.keys).toEqual([
      expect.objectContaining({ kid: '44823f3d-0b01-4a6c-a80e-b9d3e8a7226f', alg: 'ES384' }),
    ]);
  });
});
