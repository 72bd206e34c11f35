/**
 * A request body read chunk by chunk (src/http/body-text.ts, issue #15). The oracle is Node's
 * own UTF-8 decoding of the whole body: whatever the bytes, however they arrive in chunks,
 * compressed or not, the text is what `Buffer#toString('utf8')` gives for all of them at once.
 * The errors are body-parser's (raw-body's), with its `type` and `status`.
 */
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BytesInFlight } from '../../src/fhir/bytes-in-flight.js';
import { readBodyText } from '../../src/http/body-text.js';
import { numRuns } from '../fuzz/arbitraries.js';

/** A request whose body arrives in exactly these chunks. */
function requestOf(chunks: Uint8Array[], headers: Record<string, string> = {}): IncomingMessage {
  const stream = Readable.from(
    chunks.map((chunk) => Buffer.from(chunk)),
    { objectMode: false },
  );
  return asRequest(stream, headers);
}

/** A request whose body stream does what `read` does (fails, or ends early). */
const failingRequest = (read: (this: Readable) => void): IncomingMessage =>
  asRequest(new Readable({ read }));

const asRequest = (stream: Readable, headers: Record<string, string> = {}): IncomingMessage =>
  Object.assign(stream, { headers }) as unknown as IncomingMessage;

/** The bytes cut at the given points (each taken modulo the length). */
function cut(bytes: Uint8Array, points: number[]): Uint8Array[] {
  const at = [...new Set(points.map((p) => (bytes.length ? p % bytes.length : 0)))].sort(
    (a, b) => a - b,
  );
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const end of [...at, bytes.length]) {
    if (end > start) chunks.push(bytes.subarray(start, end));
    start = Math.max(start, end);
  }
  return chunks;
}

const wholeText = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

describe('readBodyText', () => {
  it('is the whole body decoded as UTF-8, for any characters cut anywhere', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        async (text, points) => {
          const bytes = Buffer.from(text, 'utf8');
          expect(await readBodyText(requestOf(cut(bytes, points)), 1_048_576)).toBe(text);
        },
      ),
      { numRuns },
    );
  });

  it('is what Node decodes for any bytes, malformed UTF-8 included, cut anywhere', async () => {
    const byte = fc.oneof(
      fc.integer({ min: 0x20, max: 0x7e }),
      fc.constantFrom(0x80, 0xbf, 0xc3, 0xe2, 0xe6, 0xf0, 0xff),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(byte, { maxLength: 300 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        async (values, points) => {
          const bytes = Uint8Array.from(values);
          expect(await readBodyText(requestOf(cut(bytes, points)), 1_048_576)).toBe(
            wholeText(bytes),
          );
        },
      ),
      { numRuns },
    );
  });

  it('keeps names and Chinese text exactly across many chunks, and ASCII as it is', async () => {
    const text = JSON.stringify({
      name: 'Tomás Müller',
      text: '软脑膜骨髓瘤 🩺',
      pad: 'x'.repeat(200_000),
    });
    const bytes = Buffer.from(text, 'utf8');
    const chunks = cut(bytes, [1, 14, 15, 16, 65_536, 131_072]);
    expect(await readBodyText(requestOf(chunks), 5_242_880)).toBe(text);
    const ascii = Buffer.from('{"hook":"patient-view"}');
    expect(await readBodyText(requestOf(cut(ascii, [3, 9])), 5_242_880)).toBe(
      '{"hook":"patient-view"}',
    );
  });

  it('undoes gzip, with the decompressed bytes cut anywhere', async () => {
    const text = '{"name":"José","text":"骨髓瘤"}';
    const zipped = gzipSync(text);
    const request = requestOf(cut(zipped, [2, 7]), { 'content-encoding': 'gzip' });
    expect(await readBodyText(request, 1_048_576)).toBe(text);
  });

  it('refuses a body over the limit with 413 entity.too.large', async () => {
    const request = requestOf([Buffer.from('x'.repeat(20))]);
    await expect(readBodyText(request, 10)).rejects.toMatchObject({
      status: 413,
      type: 'entity.too.large',
    });
  });

  it('refuses a body whose Content-Length is over the limit before reading it', async () => {
    const request = requestOf([Buffer.from('{}')], { 'content-length': '11' });
    await expect(readBodyText(request, 10)).rejects.toMatchObject({
      status: 413,
      type: 'entity.too.large',
    });
  });

  it('refuses a request cut off before its end with 400 request.aborted', async () => {
    const request = failingRequest(function () {
      this.push(Buffer.from('{"hook":'));
      this.destroy();
    });
    await expect(readBodyText(request, 1_048_576)).rejects.toMatchObject({
      status: 400,
      type: 'request.aborted',
    });
  });

  it("passes a failing stream's error on with status 400", async () => {
    const request = failingRequest(function () {
      this.destroy(new Error('socket hang up'));
    });
    await expect(readBodyText(request, 1_048_576)).rejects.toMatchObject({
      status: 400,
      message: 'socket hang up',
    });
  });

  it('refuses a body shorter than its Content-Length with 400 request.size.invalid', async () => {
    const request = requestOf([Buffer.from('{}')], { 'content-length': '10' });
    await expect(readBodyText(request, 1_048_576)).rejects.toMatchObject({
      status: 400,
      type: 'request.size.invalid',
    });
  });

  it('refuses a Content-Encoding it cannot undo with 415, naming it', async () => {
    const request = requestOf([Buffer.from('{}')], { 'content-encoding': 'compress' });
    await expect(readBodyText(request, 1_048_576)).rejects.toMatchObject({
      status: 415,
      type: 'encoding.unsupported',
      encoding: 'compress',
    });
  });

  it('reads x-gzip as gzip (RFC 9110 §8.4.1.3)', async () => {
    const text = '{"hook":"patient-view"}';
    const request = requestOf([gzipSync(text)], { 'content-encoding': 'x-gzip' });
    expect(await readBodyText(request, 1_048_576)).toBe(text);
  });
});

describe("readBodyText and the node's bound on request bytes read at once", () => {
  const KiB = 1024;
  const body = (kib: number) => Buffer.from(`{"x":"${'y'.repeat(kib * KiB - 8)}"}`);

  it('holds a body as it is read and gives it all back once read', async () => {
    const inFlight = new BytesInFlight(64 * KiB);
    const stream = new Readable({ read: () => undefined });
    const reading = readBodyText(asRequest(stream), 1_048_576, inFlight);
    stream.push(body(40).subarray(0, 30 * KiB));
    await new Promise((resolve) => setImmediate(resolve));
    expect(inFlight.count).toBe(30 * KiB);
    stream.push(body(40).subarray(30 * KiB));
    stream.push(null);
    expect((await reading).length).toBe(40 * KiB);
    expect(inFlight.count).toBe(0);
  });

  it('refuses a body whose next chunk would pass the bound with 503 node.bound.reached', async () => {
    const inFlight = new BytesInFlight(64 * KiB);
    expect(inFlight.take(40 * KiB)).toBe(true);
    await expect(
      readBodyText(requestOf(cut(body(40), [16 * KiB])), 1_048_576, inFlight),
    ).rejects.toMatchObject({ status: 503, type: 'node.bound.reached' });
    // Only what the refused body took is given back: the other reader's 40 KiB stay held.
    expect(inFlight.count).toBe(40 * KiB);
    inFlight.give(40 * KiB);
    expect((await readBodyText(requestOf([body(40)]), 1_048_576, inFlight)).length).toBe(40 * KiB);
  });

  // Each at a body limit of 48 KiB, under a bound of 64 KiB (the last, a bound of 24 KiB).
  const endings: [string, () => IncomingMessage, object, number][] = [
    ['is over the limit', () => requestOf(cut(body(60), [8 * KiB, 16 * KiB])), { status: 413 }, 64],
    [
      'is cut off',
      () =>
        failingRequest(function () {
          this.push(body(40).subarray(0, 20 * KiB));
          this.destroy();
        }),
      { status: 400, type: 'request.aborted' },
      64,
    ],
    [
      'is not the gzip it says',
      () => requestOf([body(20)], { 'content-encoding': 'gzip' }),
      { status: 400, type: 'entity.decode.failed' },
      64,
    ],
    [
      'passes the bound',
      () => requestOf(cut(body(40), [8 * KiB, 16 * KiB, 24 * KiB])),
      { status: 503, type: 'node.bound.reached' },
      24,
    ],
  ];
  for (const [ending, make, failure, boundKib] of endings)
    it(`gives a body's bytes back when it ${ending}`, async () => {
      const inFlight = new BytesInFlight(boundKib * KiB);
      await expect(readBodyText(make(), 48 * KiB, inFlight)).rejects.toMatchObject(failure);
      expect(inFlight.count).toBe(0);
    });
});
