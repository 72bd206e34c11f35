/**
 * The timeout and cache of an issuer's remote JWKS, as docs/security.md §8 states them: "fetched
 * over the network on first use with a 2 s timeout …, cached up to 10 minutes, and refetched
 * at most every 30 s for an unknown `kid`"; a fetch that fails refuses the token as
 * `keys-unavailable`, a `kid` the key set lacks as `unknown-key` (docs/integrating.md §3).
 * jose's createRemoteJWKSet documents the three options so set: `timeoutDuration` (the HTTP
 * request's timeout), `cooldownDuration` (no further request for that long after a successful
 * one) and `cacheMaxAge` (the longest time between successful requests). Each case is a real
 * key server on loopback counting the requests it gets; the cache's clock is frozen and moved
 * by the test (jose reads `Date.now()`), the network's timers run as they are.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { rawAnswerServer } from '../support/raw-answer-server.js';
import { makeKey, remoteKeysVerifier, type TestKey } from '../support/tokens.js';

const EHR = 'https://ehr.hospital.example';
const AUD = 'https://cds.hospital.example/cds-services/emd-patient-view';
/** The documented timeout is 2 s; a refusal within 10 s is "bounded", whatever the host's load. */
const GENEROUS_BOUND_MS = 10_000;
const START = new Date('2026-12-06T08:00:00Z').getTime();
const SECOND = 1000;
const MINUTE = 60 * SECOND;

let oldKey: TestKey;
let newKey: TestKey;
let otherKey: TestKey;
beforeAll(async () => {
  [oldKey, newKey, otherKey] = await Promise.all([
    makeKey('ES384', 'key-2026-11'),
    makeKey('ES384', 'key-2026-12'),
    makeKey('ES384', 'key-never-published'),
  ]);
});

afterEach(() => {
  vi.useRealTimers();
});

const serve = rawAnswerServer('/jwks.json');

/** One verifier, as the service keeps one for its life, for an issuer whose keys are at `url`. */
const verifierFor = (jwksUrl: string) => remoteKeysVerifier(EHR, jwksUrl, AUD);

/** A key server publishing `server.keys`, which a test may change (a rotation). */
async function keyServer(keys: TestKey[]) {
  const server = { fetches: 0, keys, url: '' };
  server.url = await serve((res) => {
    server.fetches += 1;
    res.writeHead(200, { 'content-type': 'application/jwk-set+json' });
    res.end(JSON.stringify({ keys: server.keys.map((key) => key.publicJwk) }));
  });
  return server;
}

describe('the remote JWKS timeout', () => {
  it('refuses the token as keys-unavailable, in bounded time, when the key server never answers', async () => {
    let requests = 0;
    // Takes the request and never writes a byte back; the server's closing ends the socket.
    const url = await serve(() => {
      requests += 1;
    });
    const started = performance.now();
    await expect(verifierFor(url)(oldKey)).rejects.toMatchObject({ reason: 'keys-unavailable' });
    expect(performance.now() - started).toBeLessThan(GENEROUS_BOUND_MS);
    expect(requests).toBe(1);
  }, 20_000);

  it('refuses the token as keys-unavailable, in bounded time, when the key set stops midway', async () => {
    const url = await serve((res) => {
      res.writeHead(200, { 'content-type': 'application/jwk-set+json' });
      res.write(`{"keys":[${JSON.stringify(oldKey.publicJwk)}`);
    });
    const started = performance.now();
    await expect(verifierFor(url)(oldKey)).rejects.toMatchObject({ reason: 'keys-unavailable' });
    expect(performance.now() - started).toBeLessThan(GENEROUS_BOUND_MS);
  }, 20_000);
});

describe('the remote JWKS cache', () => {
  it('verifies a second token signed with the same key without fetching the key set again', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: START });
    const server = await keyServer([oldKey]);
    const verify = verifierFor(server.url);

    await expect(verify(oldKey)).resolves.toMatchObject({ iss: EHR });
    vi.setSystemTime(START + 9 * MINUTE);
    await expect(verify(oldKey)).resolves.toMatchObject({ iss: EHR });

    expect(server.fetches).toBe(1);
  });

  it('fetches the key set again once it is older than 10 minutes', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: START });
    const server = await keyServer([oldKey]);
    const verify = verifierFor(server.url);

    await expect(verify(oldKey)).resolves.toMatchObject({ iss: EHR });
    vi.setSystemTime(START + 10 * MINUTE + SECOND);
    await expect(verify(oldKey)).resolves.toMatchObject({ iss: EHR });

    expect(server.fetches).toBe(2);
  });

  it('refuses a rotated key as unknown-key without a fetch within 30 s of the last one', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: START });
    const server = await keyServer([oldKey]);
    const verify = verifierFor(server.url);
    await expect(verify(oldKey)).resolves.toMatchObject({ iss: EHR });

    server.keys = [oldKey, newKey];
    vi.setSystemTime(START + 29 * SECOND);
    await expect(verify(newKey)).rejects.toMatchObject({ reason: 'unknown-key' });

    expect(server.fetches).toBe(1);
  });

  it('fetches the key set again for a rotated key after 30 s, and verifies with the new key', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: START });
    const server = await keyServer([oldKey]);
    const verify = verifierFor(server.url);
    await expect(verify(oldKey)).resolves.toMatchObject({ iss: EHR });

    server.keys = [oldKey, newKey];
    vi.setSystemTime(START + 31 * SECOND);
    await expect(verify(newKey)).resolves.toMatchObject({ iss: EHR });
    expect(server.fetches).toBe(2);

    // The refetch starts a new 30 s: a kid the issuer never published costs no request then.
    vi.setSystemTime(START + 45 * SECOND);
    await expect(verify(otherKey)).rejects.toMatchObject({ reason: 'unknown-key' });
    expect(server.fetches).toBe(2);
  });
});
