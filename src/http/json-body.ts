/**
 * JSON request bodies: read as text by ./body-text.ts (chunk by chunk, as Latin-1 where the
 * bytes are ASCII, issue #15), then parsed here.
 *
 * Why not `express.json()` (issue #15): it decodes every byte as UTF-8, chunk by chunk, and
 * Node 20's UTF-8 decoding runs at a few hundred MB/s, as long as JSON.parse itself for a
 * 1.5 MB prefetch, while almost every FHIR body is ASCII but for a few names
 * (docs/performance-log.md §13.2, §26, §33).
 *
 * Behaviour is express.json()'s, with its error types, so the error handler answers the
 * same: an empty body is `{}`; a UTF-8 byte order mark is dropped; the text must start with
 * `{` or `[` (its "strict" mode); malformed JSON is `entity.parse.failed` (400); a charset
 * other than UTF-8 is `charset.unsupported` (415). Beyond it (./body-text.ts): a body its
 * Content-Encoding does not decode is `entity.decode.failed` (400) rather than zlib's bare
 * error. RFC 8259 §8.1: JSON exchanged between systems is UTF-8, and CDS clients send nothing
 * else, so a body in UTF-16 or UTF-32 stays refused, but with words that say so (400, below).
 * Also beyond it: text that nests deeper than MAX_JSON_DEPTH, or holds more than
 * MAX_JSON_CONTAINERS objects and arrays, is refused (400) before JSON.parse sees it
 * (../fhir/json-nesting.ts says why), for a hook call, feedback and the
 * console's dry run alike, as all read their body here.
 */
import type { Request, RequestHandler } from 'express';
import { byteSizeOf } from '../config/byte-size.js';
import { MAX_JSON_CONTAINERS, MAX_JSON_DEPTH, jsonShapeProblem } from '../fhir/json-nesting.js';
import { BodyError, readBodyText } from './body-text.js';

export const JSON_BODY_TYPES = ['application/json', 'application/fhir+json'];

export function jsonBody(limit: string): RequestHandler {
  const limitBytes = byteSizeOf(limit);
  return (req, _res, next) => {
    // Not a JSON content type, or no body: nothing is read, as with express.json().
    if (!req.is(JSON_BODY_TYPES)) {
      next();
      return;
    }
    readBodyText(req, limitBytes).then(
      (text) => {
        try {
          checkCharset(req.headers['content-type']);
          req.body = parseJsonText(text);
        } catch (parseError) {
          next(parseError);
          return;
        }
        next();
      },
      // Reading errors are body-parser's, shaped in ./body-text.ts: passed on as they are.
      next,
    );
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

function checkCharset(contentType: string | undefined): void {
  for (const parameter of (contentType ?? '').split(';').slice(1)) {
    const [name, value] = parameter.split('=', 2).map((part) => part.trim().toLowerCase());
    if (name !== 'charset') continue;
    const charset = value?.replace(/^"|"$/g, '');
    if (charset !== 'utf-8' && charset !== 'utf8')
      throw new BodyError(`unsupported charset "${charset ?? ''}"`, 'charset.unsupported', 415);
  }
}

const BYTE_ORDER_MARK = 0xfeff;

/** The body's JSON value; throws a BodyError for text that is not JSON. */
export function parseJsonText(decoded: string): unknown {
  const text = decoded.charCodeAt(0) === BYTE_ORDER_MARK ? decoded.slice(1) : decoded;
  if (text.length === 0) return {};
  const first = text.charCodeAt(firstNonWhitespace(text));
  if (first !== OPEN_BRACE && first !== OPEN_BRACKET)
    throw new BodyError(
      isWideEncoding(text) ? WIDE_ENCODING : 'request body: not a JSON object or array',
      'entity.parse.failed',
      400,
    );
  const problem = jsonShapeProblem(text);
  if (problem === 'too-deep')
    throw new BodyError(
      `request body: nested deeper than ${String(MAX_JSON_DEPTH)} levels of objects and arrays, the most this service reads`,
      'entity.parse.failed',
      400,
    );
  if (problem === 'too-many-containers')
    throw new BodyError(
      `request body: holds more than ${MAX_JSON_CONTAINERS.toLocaleString('en')} objects and arrays, the most this service reads in one body`,
      'entity.parse.failed',
      400,
    );
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new BodyError(
      isWideEncoding(text) ? WIDE_ENCODING : error instanceof Error ? error.message : 'not JSON',
      'entity.parse.failed',
      400,
    );
  }
}

const WIDE_ENCODING = 'request body: UTF-16 (or UTF-32) detected; send UTF-8';

/**
 * Whether text that is not JSON came as UTF-16 or UTF-32, which RFC 8259 §8.1 does not allow
 * between systems ("MUST be encoded using UTF-8"): its bytes began with a UTF-16 byte order
 * mark (FE FF or FF FE, each byte decoded as U+FFFD; UTF-32's marks begin alike or with two
 * NULs), or held a NUL among the first four, as RFC 4627 §3 told the encodings apart (JSON
 * text begins with an ASCII character, so in UTF-16 or UTF-32 a zero byte comes with it).
 * Asked only once the text has failed as JSON, so a UTF-8 body pays nothing for it.
 */
function isWideEncoding(text: string): boolean {
  return text.startsWith('\uFFFD\uFFFD') || text.slice(0, 4).includes('\0');
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
