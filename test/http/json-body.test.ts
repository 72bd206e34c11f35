/**
 * Request bodies as express.json() read them (issue #15 replaced it with src/http/json-body.ts
 * and src/http/body-text.ts for speed): the same values for any JSON text, ASCII or not; a byte order mark, leading
 * whitespace, charset spellings and gzip as before; the same 400 / 413 / 415 answers. Beyond
 * it: x-gzip read as gzip, a 413 that names BODY_LIMIT, a 400 naming UTF-16 (round 7a, H120).
 */
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJsonText } from '../../src/http/json-body.js';
import { listeningTestApp, patientViewRequest } from '../support/app.js';

const SERVICE = '/cds-services/emd-patient-view';
interface OperationOutcomeLike {
  resourceType?: string;
  issue: { diagnostics?: string }[];
}

const valid = () => patientViewRequest('emd-skin-at-diagnosis', { conditions: null });

describe('parseJsonText', () => {
  it('gives what JSON.parse gives for the text, for any JSON value and any characters', () => {
    fc.assert(
      fc.property(fc.json({ maxDepth: 3 }), fc.constantFrom('', ' ', '\n\t '), (text, pad) => {
        fc.pre(/^\s*[[{]/.test(text));
        expect(parseJsonText(pad + text)).toEqual(JSON.parse(text));
        expect(parseJsonText(`\uFEFF${pad}${text}`)).toEqual(JSON.parse(text));
      }),
      { numRuns: 300 },
    );
  });
});

describe('a service call body', () => {
  const app = listeningTestApp();
  const smallLimitApp = listeningTestApp(() => ({ bodyLimit: '1kb' }));

  /** The bytes as given (supertest would serialise a Buffer as a JSON object). */
  const send = async (body: Buffer | string, contentType: string, encoding?: string) => {
    const response = await fetch(`${app.base()}${SERVICE}`, {
      method: 'POST',
      headers: {
        'Content-Type': contentType,
        ...(encoding ? { 'Content-Encoding': encoding } : {}),
      },
      body,
    });
    return { status: response.status, body: (await response.json()) as OperationOutcomeLike };
  };
  const text = () => JSON.stringify(valid());

  for (const contentType of [
    'application/json; charset=utf-8',
    'application/json; charset=UTF-8',
    'application/json;charset="utf-8"',
    'application/fhir+json; charset=utf-8',
  ])
    it(`is read with Content-Type ${contentType}`, async () => {
      expect((await send(text(), contentType)).status).toBe(200);
    });

  it('is read after a UTF-8 byte order mark and leading whitespace', async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const body = Buffer.concat([bom, Buffer.from(`\n  ${text()}`)]);
    expect((await send(body, 'application/json')).status).toBe(200);
  });

  it('is read whole when it arrives in many chunks, ASCII or not', async () => {
    // Over 64 KiB, so the socket hands it over in pieces; with "é" or "软", every piece holds
    // characters of two or three bytes, and some are cut between pieces.
    for (const filler of ['x', 'é', '软']) {
      const body = { ...valid(), extension: { 'org.example.padding': filler.repeat(150_000) } };
      expect([filler, (await send(JSON.stringify(body), 'application/json')).status]).toEqual([
        filler,
        200,
      ]);
    }
  });

  it('is read gzip-compressed (Content-Encoding: gzip)', async () => {
    expect((await send(gzipSync(text()), 'application/json', 'gzip')).status).toBe(200);
  });

  it('is read brotli- or deflate-compressed', async () => {
    expect((await send(brotliCompressSync(text()), 'application/json', 'br')).status).toBe(200);
    expect((await send(deflateSync(text()), 'application/json', 'deflate')).status).toBe(200);
  });

  it('that its Content-Encoding does not decode is a 400 naming the encoding', async () => {
    const cases: [string, Buffer | string, string][] = [
      ['gzip', text(), 'request body: could not be decoded as Content-Encoding "gzip"'],
      [
        'gzip',
        gzipSync(text()).subarray(0, 20),
        'request body: could not be decoded as Content-Encoding "gzip"',
      ],
      ['br', text(), 'request body: could not be decoded as Content-Encoding "br"'],
      ['deflate', text(), 'request body: could not be decoded as Content-Encoding "deflate"'],
    ];
    for (const [encoding, body, diagnostics] of cases) {
      const response = await send(body, 'application/json', encoding);
      expect([diagnostics, response.status]).toEqual([diagnostics, 400]);
      expect(response.body.issue).toEqual([{ severity: 'error', code: 'structure', diagnostics }]);
    }
  });

  it("is read with Content-Encoding x-gzip, gzip's old name (RFC 9110 §8.4.1.3)", async () => {
    for (const encoding of ['x-gzip', 'X-GZIP'])
      expect([
        encoding,
        (await send(gzipSync(text()), 'application/json', encoding)).status,
      ]).toEqual([encoding, 200]);
  });

  it('with a Content-Encoding it cannot decode is refused with 415 naming it', async () => {
    const response = await send(text(), 'application/json', 'compress');
    expect(response.status).toBe(415);
    expect(response.body.issue).toEqual([
      {
        severity: 'error',
        code: 'not-supported',
        diagnostics:
          'request body: Content-Encoding "compress" is not supported (gzip, deflate and br are)',
      },
    ]);
  });

  it('that decodes but is not JSON is a 400 saying it is not valid JSON', async () => {
    const response = await send(gzipSync('{"hook": '), 'application/json', 'gzip');
    expect(response.status).toBe(400);
    expect(response.body.issue[0]?.diagnostics).toBe('request body: not valid JSON');
  });

  it('in another charset is refused with 415 and an OperationOutcome', async () => {
    const response = await send(text(), 'application/json; charset=latin1');
    expect(response.status).toBe(415);
    expect(response.body.resourceType).toBe('OperationOutcome');
  });

  // RFC 8259 §8.1: JSON exchanged between systems "MUST be encoded using UTF-8"; RFC 4627 §3
  // told UTF-16 and UTF-32 apart by the zero bytes among the first four.
  it('in UTF-16 or UTF-32, with or without a byte order mark, is a 400 saying so', async () => {
    const utf16le = (t: string) => Buffer.from(t, 'utf16le');
    const utf16be = (t: string) => Buffer.from(t, 'utf16le').swap16();
    const utf32 = (t: string, littleEndian: boolean) => {
      // The bodies here are ASCII: one code point a character.
      const points = Array.from({ length: t.length }, (_, i) => t.charCodeAt(i));
      const bytes = Buffer.alloc(points.length * 4);
      points.forEach((point, i) => {
        if (littleEndian) bytes.writeUInt32LE(point, i * 4);
        else bytes.writeUInt32BE(point, i * 4);
      });
      return bytes;
    };
    const cases: [string, Buffer][] = [
      ['UTF-16LE with its byte order mark', utf16le(`\uFEFF${text()}`)],
      ['UTF-16BE with its byte order mark', utf16be(`\uFEFF${text()}`)],
      ['UTF-16LE without one', utf16le(text())],
      ['UTF-16BE without one', utf16be(text())],
      ['UTF-16LE after whitespace', utf16le(` \n${text()}`)],
      ['UTF-32LE with its byte order mark', utf32(`\uFEFF${text()}`, true)],
      ['UTF-32BE with its byte order mark', utf32(`\uFEFF${text()}`, false)],
      ['UTF-32BE without one', utf32(text(), false)],
    ];
    for (const [encoding, body] of cases) {
      const response = await send(body, 'application/json');
      expect([encoding, response.status, response.body.issue]).toEqual([
        encoding,
        400,
        [
          {
            severity: 'error',
            code: 'structure',
            diagnostics: 'request body: UTF-16 (or UTF-32) detected; send UTF-8',
          },
        ],
      ]);
    }
  });

  it('over BODY_LIMIT is a 413 naming the limit and the setting, and none of the body', async () => {
    const body = JSON.stringify({ ...valid(), zz: 'secret-padding-'.repeat(500) });
    // As one piece with its Content-Length, and chunked (no length): refused either way.
    const unsized = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(body));
        controller.close();
      },
    });
    for (const sent of [body, unsized]) {
      const response = await fetch(`${smallLimitApp.base()}${SERVICE}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: sent,
        ...(typeof sent === 'string' ? {} : { duplex: 'half' }),
      });
      expect(response.status).toBe(413);
      const outcome = (await response.json()) as OperationOutcomeLike;
      expect(outcome.issue).toEqual([
        {
          severity: 'error',
          code: 'too-costly',
          diagnostics:
            "request body: larger than BODY_LIMIT (1 KiB here); raise BODY_LIMIT (service.bodyLimit) to take prefetch this large, and the proxy's body limit with it (docs/configuring.md)",
        },
      ]);
      expect(JSON.stringify(outcome)).not.toContain('secret-padding');
    }
  });

  it('that is empty is an empty object: 400 naming the missing hook', async () => {
    const response = await send('', 'application/json');
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('hook');
  });

  it('that is not JSON is a 400 saying so, also after a byte order mark', async () => {
    for (const body of ['{"hook": ', '\uFEFF', '\uFEFF[1,]']) {
      const response = await send(body, 'application/json');
      expect(response.status).toBe(400);
      expect(response.body.issue[0]?.diagnostics).toMatch(/not valid JSON|hook/);
    }
  });

  const TOO_DEEP = {
    severity: 'error',
    code: 'structure',
    diagnostics:
      'request body: nested deeper than 128 levels of objects and arrays, the most this service reads',
  };
  /** A valid call whose unknown member `zz` nests `levels` arrays: the body nests one more. */
  const nestedCall = (levels: number) =>
    JSON.stringify(valid()).replace('{', `{"zz":${'['.repeat(levels)}${']'.repeat(levels)},`);

  it('nested 128 levels deep is read; 129 levels is a 400 naming the limit', async () => {
    expect((await send(nestedCall(127), 'application/json')).status).toBe(200);
    const response = await send(nestedCall(128), 'application/json');
    expect(response.status).toBe(400);
    expect(response.body.issue).toEqual([TOO_DEEP]);
  });

  it('a 5 KB gzip that inflates to 4.8 MB nested 2.4 million deep is the same 400', async () => {
    const body = gzipSync(nestedCall(2_400_000), { level: 9 });
    expect(body.length).toBeLessThan(10_000);
    const response = await send(body, 'application/json', 'gzip');
    expect(response.status).toBe(400);
    expect(response.body.issue).toEqual([TOO_DEEP]);
  });

  // 1.5 million objects and arrays at most (json-nesting.ts): JSON.parse spends about half a
  // microsecond on each, so 32 MiB of `{},` (BODY_LIMIT's default) would hold it about 8 s.
  const withEmptyObjects = (count: number) =>
    JSON.stringify(valid()).replace('{', `{"zz":[${Array(count).fill('{}').join(',')}],`);

  it('holding 1.5 million objects and arrays is read; one more is a 400 naming the limit', async () => {
    // The call itself holds some: its objects counted, the filler makes up the rest.
    const own = (JSON.stringify(valid()).match(/[[{]/g) ?? []).length + 1;
    expect((await send(withEmptyObjects(1_500_000 - own), 'application/json')).status).toBe(200);
    const response = await send(withEmptyObjects(1_500_001 - own), 'application/json');
    expect(response.status).toBe(400);
    expect(response.body.issue).toEqual([
      {
        severity: 'error',
        code: 'structure',
        diagnostics:
          'request body: holds more than 1,500,000 objects and arrays, the most this service reads in one body',
      },
    ]);
  });

  it('with brackets inside its strings is read: only structure counts', async () => {
    const body = { ...valid(), extension: { 'org.example.note': `"\${'['.repeat(1000)}` } };
    expect((await send(JSON.stringify(body), 'application/json')).status).toBe(200);
  });

  it('that is JSON but neither an object nor an array is a 400 saying so', async () => {
    for (const body of ['true', '\uFEFFnull']) {
      const response = await send(body, 'application/json');
      expect(response.status).toBe(400);
      expect(response.body.issue[0]?.diagnostics).toBe('request body: not a JSON object or array');
    }
  });
});
