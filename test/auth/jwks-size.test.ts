/**
 * The size cap on an issuer's remote JWKS (docs/security.md §3, "A key server that answers
 * without end"): 1 MiB, counted after decompression. A key server on the allowlist that is
 * compromised or broken must not fill the service's memory: a larger body, plain or
 * inflating from gzip, or one that never ends, fails the fetch at once, and the token is
 * refused as for a JWKS that cannot be fetched, `keys-unavailable` (docs/integrating.md §3:
 * "the JWKS could not be fetched or read within 2 s"). A JWKS under the cap still verifies.
 */
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeKey, remoteKeysVerifier, type TestKey } from '../support/tokens.js';
import { rawAnswerServer } from '../support/raw-answer-server.js';

const EHR = 'https://ehr.hospital.example';
const AUD = 'https://cds.hospital.example/cds-services/emd-patient-view';
const MiB = 1024 * 1024;
/** jose's fetch timeout as the verifier sets it: a refusal by the cap comes well before it. */
const JWKS_TIMEOUT_MS = 2000;
/** What the server may have sent before the service hung up: the cap, plus socket buffers. */
const MAX_SENT_BYTES = 16 * MiB;

let key: TestKey;
beforeAll(async () => {
  key = await makeKey('ES384');
});

/** A valid JWK Set holding the signing key, padded with `padding` bytes of JSON whitespace. */
function jwksJson(padding = 0): Buffer {
  return Buffer.concat([
    Buffer.from(`{"keys":[${JSON.stringify(key.publicJwk)}]`),
    Buffer.alloc(padding, 0x20),
    Buffer.from('}'),
  ]);
}

const serve = rawAnswerServer('/jwks.json');

/** Verifies a fresh token of an issuer whose keys are at `jwksUrl` (loopback http is allowed). */
const verifyWithKeysAt = (jwksUrl: string) => remoteKeysVerifier(EHR, jwksUrl, AUD)(key);

const json = { 'content-type': 'application/jwk-set+json' };

describe('the size cap on a remote JWKS', () => {
  it('refuses the token when the JWKS is a valid key set padded past 1 MiB', async () => {
    const body = jwksJson(2 * MiB);
    const url = await serve((res) => {
      res.writeHead(200, json);
      res.end(body);
    });
    await expect(verifyWithKeysAt(url)).rejects.toMatchObject({ reason: 'keys-unavailable' });
  });

  it('refuses the token when the JWKS announces a Content-Length over 1 MiB', async () => {
    const url = await serve((res) => {
      res.writeHead(200, { ...json, 'content-length': String(MiB + 1) });
      res.write('{');
    });
    const started = performance.now();
    await expect(verifyWithKeysAt(url)).rejects.toMatchObject({ reason: 'keys-unavailable' });
    expect(performance.now() - started).toBeLessThan(JWKS_TIMEOUT_MS / 2);
  });

  it('refuses the token when the JWKS is a 100 KB gzip that inflates to 64 MiB', async () => {
    const body = gzipSync(jwksJson(64 * MiB));
    expect(body.length).toBeLessThan(100_000);
    const url = await serve((res) => {
      res.writeHead(200, { ...json, 'content-encoding': 'gzip' });
      res.end(body);
    });
    await expect(verifyWithKeysAt(url)).rejects.toMatchObject({ reason: 'keys-unavailable' });
  });

  it('refuses the token at once when the JWKS streams without end, having read little of it', async () => {
    let sent = 0;
    const chunk = Buffer.alloc(MiB, 0x20);
    const url = await serve((res) => {
      res.writeHead(200, json);
      res.write(`{"keys":[${JSON.stringify(key.publicJwk)}]`);
      // Never ends; stops sending at 256 MiB only so that a run without the cap stays finite.
      const more = () => {
        while (!res.destroyed && sent < 256 * MiB) {
          sent += chunk.length;
          if (!res.write(chunk)) break;
        }
        if (!res.destroyed && sent < 256 * MiB) res.once('drain', more);
      };
      more();
    });
    const started = performance.now();
    await expect(verifyWithKeysAt(url)).rejects.toMatchObject({ reason: 'keys-unavailable' });
    expect(performance.now() - started).toBeLessThan(JWKS_TIMEOUT_MS / 2);
    expect(sent).toBeLessThan(MAX_SENT_BYTES);
  });

  it('verifies the token with a JWKS of exactly 1 MiB, inflated from gzip', async () => {
    const body = gzipSync(jwksJson(MiB - jwksJson(0).length));
    expect(body.length).toBeLessThan(MiB);
    const url = await serve((res) => {
      res.writeHead(200, { ...json, 'content-encoding': 'gzip' });
      res.end(body);
    });
    await expect(verifyWithKeysAt(url)).resolves.toMatchObject({ iss: EHR });
  });

  it('verifies the token with a plain JWKS that gives its Content-Length', async () => {
    const body = jwksJson();
    const url = await serve((res) => {
      res.writeHead(200, { ...json, 'content-length': String(body.length) });
      res.end(body);
    });
    await expect(verifyWithKeysAt(url)).resolves.toMatchObject({ iss: EHR });
  });

  it('refuses the token, saying why in the log, when the JWKS nests deeper than 128 levels', async () => {
    // A valid key set with 300,000 levels of arrays beside it (600 KB, under the size cap):
    // JSON.parse would spend about a microsecond on each level, on the path of every call.
    const depth = 300_000;
    const body = `{"keys":[${JSON.stringify(key.publicJwk)}],"zz":${'['.repeat(depth)}${']'.repeat(depth)}}`;
    const url = await serve((res) => {
      res.writeHead(200, json);
      res.end(body);
    });
    await expect(verifyWithKeysAt(url)).rejects.toMatchObject({
      reason: 'keys-unavailable',
      detail: `the key server at ${url} could not be read: the answer nests objects and arrays deeper than 128 levels`,
    });
  });
});
