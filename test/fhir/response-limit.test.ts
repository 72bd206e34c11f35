/**
 * The size cap on a FHIR answer (docs/security.md §3, "A FHIR server that answers without
 * end"): 32 MiB, counted after decompression, whether the body is plain, announced by its
 * Content-Length, streamed without end, or a small gzip that inflates past the cap. Answers
 * under the cap still read, in each coding fetch decodes (RFC 9110 §8.4.1: gzip, deflate; br).
 */
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { Agent, fetch } from 'undici';
import { fhirKitRunner } from '../../src/fhir/fhir-kit-runner.js';
import { cappedDispatcher, ResponseTooLarge } from '../../src/fhir/response-limit.js';
import { rawAnswerServer } from '../support/raw-answer-server.js';
import { conditionSearch } from './condition-search.js';

const conditions = conditionSearch;
const MiB = 1024 * 1024;
// Far longer than any of these reads should take: a cap that works answers at once, not at the budget.
const limits = { timeoutMs: 20_000, maxPages: 3 };
const TOO_LARGE = /^the FHIR server's answer to the Condition search is larger than 32 MiB/;

/** A valid searchset with one Condition, padded with `padding` bytes of JSON whitespace. */
function searchsetJson(padding = 0): Buffer {
  const entry = JSON.stringify({
    resource: { resourceType: 'Condition', id: 'c1', subject: { reference: 'Patient/p1' } },
  });
  return Buffer.concat([
    Buffer.from(`{"resourceType":"Bundle","type":"searchset","entry":[${entry}]`),
    Buffer.alloc(padding, 0x20),
    Buffer.from('}'),
  ]);
}

const serve = rawAnswerServer('/fhir');

const read = (base: string) =>
  fhirKitRunner(base, 'token-123', limits).run(conditions, 'Condition?patient=p1');

describe('the size cap on a FHIR answer', () => {
  it('refuses a 300 KB gzip that inflates to 33 MiB', async () => {
    const body = gzipSync(searchsetJson(33 * MiB));
    expect(body.length).toBeLessThan(300_000);
    const base = await serve((res) => {
      res.writeHead(200, { 'content-type': 'application/fhir+json', 'content-encoding': 'gzip' });
      res.end(body);
    });
    await expect(read(base)).rejects.toThrow(TOO_LARGE);
  });

  it('refuses a plain answer that streams past 32 MiB and never ends', async () => {
    const chunk = Buffer.alloc(MiB, 0x20);
    const base = await serve((res) => {
      res.writeHead(200, { 'content-type': 'application/fhir+json' });
      res.write('{"resourceType":"Bundle","type":"searchset"');
      const more = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', more);
      };
      more();
    });
    const started = performance.now();
    await expect(read(base)).rejects.toThrow(TOO_LARGE);
    expect(performance.now() - started).toBeLessThan(limits.timeoutMs / 2);
  });

  it('refuses an answer whose Content-Length says more than 32 MiB', async () => {
    const base = await serve((res) => {
      res.writeHead(200, {
        'content-type': 'application/fhir+json',
        'content-length': String(32 * MiB + 1),
      });
      res.write('{');
    });
    await expect(read(base)).rejects.toThrow(TOO_LARGE);
  });

  it('refuses at once an answer whose first chunk, come with its headers, is over the cap', async () => {
    // A 16-byte cap: the whole answer arrives in the turn that brings its headers. Refused in
    // that turn, undici 6's fetch (Node 20's too) left the body waiting for ever, deaf even
    // to an abort signal: then the test's timeout fails it.
    const base = await serve((res) => {
      res.writeHead(200, { 'content-type': 'application/fhir+json' });
      res.end(searchsetJson());
    });
    const agent = new Agent();
    try {
      const response = await fetch(base, { dispatcher: cappedDispatcher(agent, 16) });
      const failure = await response.text().then(
        () => undefined,
        (error: unknown) => (error as { cause?: unknown }).cause,
      );
      expect(failure).toBeInstanceOf(ResponseTooLarge);
    } finally {
      await agent.close();
    }
  });

  for (const [coding, encode] of [
    ['gzip', gzipSync],
    ['x-gzip', gzipSync],
    ['deflate', deflateSync],
    ['deflate (raw, as some servers send it)', deflateRawSync],
    ['br', brotliCompressSync],
    ['identity', (body: Buffer) => body],
  ] as const) {
    it(`reads an answer under the cap sent as ${coding}`, async () => {
      const body = encode(searchsetJson(MiB));
      const base = await serve((res) => {
        res.writeHead(200, {
          'content-type': 'application/fhir+json',
          'content-encoding': coding.split(' ')[0] ?? coding,
          'content-length': String(body.length),
        });
        res.end(body);
      });
      const resources = await read(base);
      expect(resources.map((r) => r.resource.id)).toEqual(['c1']);
    });
  }

  // A coding the cap does not decode is passed on to fetch as it came (fetch passes a coding it
  // does not know through undecoded), whatever its name: names an object literal holds on its
  // prototype are codings like any other.
  for (const coding of ['compress', 'constructor', '__proto__']) {
    it(`passes an answer sent as ${coding} on as it came`, async () => {
      const body = searchsetJson();
      const base = await serve((res) => {
        res.writeHead(200, { 'content-type': 'application/fhir+json', 'content-encoding': coding });
        res.end(body);
      });
      const resources = await read(base);
      expect(resources.map((r) => r.resource.id)).toEqual(['c1']);
    });
  }

  it('reads an answer of exactly 32 MiB, inflated from gzip', async () => {
    const exact = searchsetJson(0);
    const body = gzipSync(searchsetJson(32 * MiB - exact.length));
    const base = await serve((res) => {
      res.writeHead(200, { 'content-type': 'application/fhir+json', 'content-encoding': 'gzip' });
      res.end(body);
    });
    const resources = await read(base);
    expect(resources.map((r) => r.resource.id)).toEqual(['c1']);
  });
});

/**
 * The nesting cap on the same answers (docs/security.md, "Algorithmic complexity"): 128 levels
 * of objects and arrays, read as the decoded bytes go by. A 15.6 KB gzip of 16 MB nested
 * 8 million deep, under the size cap, once held the event loop 76 s in JSON.parse.
 */
describe('the nesting cap on a FHIR answer', () => {
  const TOO_DEEP =
    /^the FHIR server's answer to the Condition search nests objects and arrays deeper than 128 levels, which is not read$/;
  /** A searchset of one Condition whose unknown member nests `levels` arrays: one more in all. */
  const nested = (levels: number) =>
    Buffer.from(
      `{"resourceType":"Bundle","type":"searchset","zz":${'['.repeat(levels)}${']'.repeat(levels)},"entry":[{"resource":{"resourceType":"Condition","id":"c1","subject":{"reference":"Patient/p1"}}}]}`,
    );

  it('refuses a 2 KB gzip that inflates to 2 MB nested a million deep', async () => {
    const body = gzipSync(nested(1_000_000), { level: 9 });
    expect(body.length).toBeLessThan(10_000);
    const base = await serve((res) => {
      res.writeHead(200, { 'content-type': 'application/fhir+json', 'content-encoding': 'gzip' });
      res.end(body);
    });
    await expect(read(base)).rejects.toThrow(TOO_DEEP);
  });

  it('refuses a plain answer nested a million deep, as it streams', async () => {
    const base = await serve((res) => {
      res.writeHead(200, { 'content-type': 'application/fhir+json' });
      res.end(nested(1_000_000));
    });
    await expect(read(base)).rejects.toThrow(TOO_DEEP);
  });

  it('reads an answer nested 128 levels deep, and refuses one of 129', async () => {
    const answering = (body: Buffer) =>
      serve((res) => {
        res.writeHead(200, { 'content-type': 'application/fhir+json' });
        res.end(body);
      });
    const resources = await read(await answering(nested(127)));
    expect(resources.map((r) => r.resource.id)).toEqual(['c1']);
    await expect(read(await answering(nested(128)))).rejects.toThrow(TOO_DEEP);
  });
});
