/**
 * Request bodies as express.json() read them (issue #15 replaced it with src/http/json-body.ts
 * for speed): the same values for any JSON text, ASCII or not; a byte order mark, leading
 * whitespace, charset spellings and gzip as before; the same 400 / 413 / 415 answers.
 */
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJsonBytes } from '../../src/http/json-body.js';
import { listeningTestApp, patientViewRequest } from '../support/app.js';

const SERVICE = '/cds-services/emd-patient-view';
interface OperationOutcomeLike {
  resourceType?: string;
  issue: { diagnostics?: string }[];
}

const valid = () => patientViewRequest('emd-skin-at-diagnosis', { conditions: null });

describe('parseJsonBytes', () => {
  it('gives what JSON.parse gives for the text, for any JSON value and any characters', () => {
    fc.assert(
      fc.property(fc.json({ maxDepth: 3 }), fc.constantFrom('', ' ', '\n\t '), (text, pad) => {
        fc.pre(/^\s*[[{]/.test(text));
        const bytes = Buffer.from(pad + text, 'utf8');
        expect(parseJsonBytes(bytes)).toEqual(JSON.parse(text));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps non-ASCII text exactly (Chinese, accents, emoji)', () => {
    const value = { text: '软脑膜骨髓瘤 — café 🩺', n: [1, 'ü'] };
    expect(parseJsonBytes(Buffer.from(JSON.stringify(value), 'utf8'))).toEqual(value);
  });
});

describe('a service call body', () => {
  const app = listeningTestApp();

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

  it('that is empty is an empty object: 400 naming the missing hook', async () => {
    const response = await send('', 'application/json');
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('hook');
  });

  it('that is not JSON is a 400 saying so, also after a byte order mark', async () => {
    for (const body of ['{"hook": ', '\uFEFF', 'true', '\uFEFF[1,]']) {
      const response = await send(body, 'application/json');
      expect(response.status).toBe(400);
      expect(response.body.issue[0]?.diagnostics).toMatch(/not valid JSON|hook/);
    }
  });
});
