/**
 * JSON request bodies. body-parser's `express.raw()` reads the bytes (the size limit,
 * Content-Encoding, the stream's errors); this module decodes them once and parses them.
 *
 * Why not `express.json()` (issue #15): it decodes every byte as UTF-8, chunk by chunk, and
 * Node 20's UTF-8 decoding runs at a few hundred MB/s, as long as JSON.parse itself for a
 * 1.5 MB prefetch. Almost every FHIR body is ASCII but for a few names, and ASCII bytes read
 * as Latin-1 are the same text with no decoding work: reading the body whole and decoding it
 * that way where it is ASCII (./utf8-text.ts) halves the cost of reading it
 * (docs/performance-log.md §13.2, §26; decoding the whole buffer as UTF-8 gained nothing).
 *
 * Behaviour is express.json()'s, with its error types, so the error handler answers the
 * same: an empty body is `{}`; a UTF-8 byte order mark is dropped; the text must start with
 * `{` or `[` (its "strict" mode); malformed JSON is `entity.parse.failed` (400); a charset
 * other than UTF-8 is `charset.unsupported` (415). Beyond it: a body its Content-Encoding
 * does not decode is `entity.decode.failed` (400) rather than zlib's bare error. RFC 8259 §8.1: JSON exchanged between
 * systems is UTF-8, and CDS clients send nothing else.
 */
import express, { type Request, type RequestHandler } from 'express';
import { utf8Text } from './utf8-text.js';

export const JSON_BODY_TYPES = ['application/json', 'application/fhir+json'];

/**
 * An error as body-parser shapes them: the error handler reads `type` and `status`, and
 * `encoding` for a body its Content-Encoding does not decode (a type of our own).
 */
class BodyError extends Error {
  constructor(
    message: string,
    readonly type: 'entity.parse.failed' | 'charset.unsupported' | 'entity.decode.failed',
    readonly status: number,
    readonly encoding?: string,
  ) {
    super(message);
  }
}

export function jsonBody(limit: string): RequestHandler {
  const readBytes: RequestHandler = express.raw({ limit, type: JSON_BODY_TYPES });
  return (req, res, next) => {
    readBytes(req, res, (error?: unknown) => {
      if (error) {
        next(decodeFailure(error, req.headers['content-encoding']));
        return;
      }
      // Not a JSON content type: nothing was read, as with express.json().
      if (!Buffer.isBuffer(req.body)) {
        next();
        return;
      }
      try {
        checkCharset(req.headers['content-type']);
        req.body = parseJsonBytes(req.body);
      } catch (parseError) {
        next(parseError);
        return;
      }
      next();
    });
  };
}

/**
 * The parsed body, no longer held by the request: a hook call's prefetch (often megabytes)
 * then lives only as long as its evaluation, not until the audit has committed and the
 * answer is written (docs/performance-log.md §14).
 */
export function takeBody(req: Request): unknown {
  const body: unknown = req.body;
  req.body = undefined;
  return body;
}

/**
 * body-parser passes the decompression stream's own error on (zlib's "incorrect header
 * check", brotli's "Decompression failed": status 400, no `type`), which says nothing of the
 * body; its other errors all carry a `type`. Such an error on a compressed body means the
 * bytes were not what the Content-Encoding header names.
 */
function decodeFailure(error: unknown, contentEncoding: string | undefined): unknown {
  // body-parser's reading of the header: an encoding it cannot decode was refused with 415.
  const encoding = (contentEncoding ?? 'identity').toLowerCase();
  if (encoding === 'identity' || typeof error !== 'object' || error === null || 'type' in error)
    return error;
  return new BodyError(`not valid ${encoding}`, 'entity.decode.failed', 400, encoding);
}

function checkCharset(contentType: string | undefined): void {
  for (const parameter of (contentType ?? '').split(';').slice(1)) {
    const [name, value] = parameter.split('=', 2).map((part) => part.trim().toLowerCase());
    if (name !== 'charset') continue;
    const charset = value?.replace(/^"|"$/g, '');
    if (charset !== 'utf-8' && charset !== 'utf8')
      throw new BodyError(`unsupported charset "${charset ?? ''}"`, 'charset.unsupported', 415);
  }
}

const BYTE_ORDER_MARK = Buffer.from([0xef, 0xbb, 0xbf]);

/** The body's JSON value; throws a BodyError for text that is not JSON. */
export function parseJsonBytes(bytes: Buffer): unknown {
  const body = bytes.subarray(0, 3).equals(BYTE_ORDER_MARK) ? bytes.subarray(3) : bytes;
  if (body.length === 0) return {};
  const text = utf8Text(body);
  const first = text.charCodeAt(firstNonWhitespace(text));
  if (first !== OPEN_BRACE && first !== OPEN_BRACKET)
    throw new BodyError('request body: not a JSON object or array', 'entity.parse.failed', 400);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new BodyError(
      error instanceof Error ? error.message : 'not JSON',
      'entity.parse.failed',
      400,
    );
  }
}

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;

/** The index of the first character that is not JSON whitespace (RFC 8259 §2). */
function firstNonWhitespace(text: string): number {
  let i = 0;
  for (; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code !== 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) break;
  }
  return i;
}
