/**
 * A remote key set's failure is `keys-unavailable` by where it arose (jose asks for a key only
 * once the token has parsed), whatever fetch reads the key set: here Node's own, as jose
 * would use it, so jose itself reads the answer and throws its plain JOSEError ("Expected 200
 * OK …", "Failed to parse … as JSON"), the class it also throws for a token that does not
 * parse. docs/integrating.md §3: `keys-unavailable` is "the JWKS could not be fetched or read";
 * docs/security.md §8: "If the fetch fails the call is refused (`keys-unavailable`)". The log
 * line says why (src/auth/auth-failure.ts `detail`).
 */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { createJwtVerifier } from '../../src/auth/jwt-verifier.js';
import { InMemoryReplayCache } from '../../src/auth/replay-cache.js';
import { rawAnswerServer } from '../support/raw-answer-server.js';
import { makeKey, signToken, type TestKey } from '../support/tokens.js';

const EHR = 'https://ehr.hospital.example';
const AUD = 'https://cds.hospital.example/cds-services/emd-patient-view';

let key: TestKey;
beforeAll(async () => {
  key = await makeKey('ES384');
});

const serve = rawAnswerServer('/jwks.json');

/** Verifies a fresh token of EHR, whose keys are at `jwksUrl`, read with Node's own fetch. */
async function verifyReadingWithNodeFetch(jwksUrl: string) {
  const verify = createJwtVerifier(
    {
      enabled: true,
      issuers: [{ iss: EHR, jku: [], jwksUrl }],
      publicBaseUrl: 'https://cds.hospital.example',
      clockToleranceSeconds: 60,
      maxTokenAgeSeconds: 300,
    },
    new InMemoryReplayCache(),
    () => new Date(),
    (url, options) => fetch(url, options),
  );
  return verify(`Bearer ${await signToken(key, { iss: EHR, aud: AUD })}`, AUD);
}

describe('a key set jose itself reads', () => {
  const answers: [string, number, string][] = [
    ['a 302 redirect', 302, ''],
    ['a 503', 503, 'down'],
    ['an HTML page with 200', 200, '<html><body>Sign in</body></html>'],
  ];
  for (const [name, status, body] of answers)
    it(`refuses the token as keys-unavailable for ${name}, not as malformed-token`, async () => {
      const url = await serve((res) => {
        res.writeHead(status, status === 302 ? { location: '/moved' } : {});
        res.end(body);
      });
      await expect(verifyReadingWithNodeFetch(url)).rejects.toMatchObject({
        reason: 'keys-unavailable',
        detail: expect.stringContaining(`the key server at ${url}`) as unknown,
      });
    });

  it('says the connection was refused in the log line', async () => {
    // A loopback port nobody listens on.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    await new Promise((resolve) => server.close(resolve));
    await expect(
      verifyReadingWithNodeFetch(`http://127.0.0.1:${String(port)}/jwks.json`),
    ).rejects.toMatchObject({
      reason: 'keys-unavailable',
      detail: expect.stringContaining('ECONNREFUSED') as unknown,
    });
  });
});

describe('a key set that could not be had, asked again', () => {
  // docs/security.md §8: a failed fetch is given again for KEY_SET_RETRY_AFTER_MS (5 s) without
  // asking the key server; after that the next call fetches it afresh. The clock is the
  // verifier's own (its `currentDate`), moved by hand; the key server is real and counts.
  it('answers keys-unavailable without a fetch for 5 s after a failure, then fetches again', async () => {
    let requests = 0;
    let up = false;
    const url = await serve((res) => {
      requests += 1;
      if (!up) {
        res.writeHead(503);
        res.end('down');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [key.publicJwk] }));
    });
    let clock = Date.now();
    const verify = createJwtVerifier(
      {
        enabled: true,
        issuers: [{ iss: EHR, jku: [], jwksUrl: url }],
        publicBaseUrl: 'https://cds.hospital.example',
        clockToleranceSeconds: 60,
        maxTokenAgeSeconds: 300,
      },
      new InMemoryReplayCache(),
      () => new Date(clock),
    );
    const call = async () => verify(`Bearer ${await signToken(key, { iss: EHR, aud: AUD })}`, AUD);

    await expect(call()).rejects.toMatchObject({ reason: 'keys-unavailable' });
    expect(requests).toBe(1);

    // Back up, but within 5 s of the failure: refused again, the key server not asked.
    up = true;
    clock += 4_000;
    await expect(call()).rejects.toMatchObject({
      reason: 'keys-unavailable',
      detail: expect.stringContaining('not asked again for 5 s') as unknown,
    });
    expect(requests).toBe(1);

    // 5 s after the failure: fetched again, and the token verifies.
    clock += 1_000;
    await expect(call()).resolves.toMatchObject({ iss: EHR });
    expect(requests).toBe(2);
  });
});
