/**
 * A request body's text: its Content-Encoding undone, its size limited, decoded as UTF-8,
 * with body-parser's errors (its `read` and raw-body's `readStream` are mirrored step by step).
 *
 * Why not `express.raw()` (issue #15): it joins every body into one new Buffer, memory outside
 * V8's heap, and V8 answers a few dozen MB of that by marking its whole heap. A 1.5 MB
 * prefetch made a full collection about every 30 heavy calls, some 1.5 ms a call of the main
 * thread (docs/performance-log.md §33). A body whose chunks are all ASCII (almost every FHIR
 * body) becomes text chunk by chunk instead, read as Latin-1, which for ASCII is the text
 * itself; any other body is joined and decoded as UTF-8 (./utf8-text.ts), exactly as before.
 *
 * Every body's chunks count towards the node's bound on request bytes read at once
 * (./request-bytes-in-flight.ts) while it is read, and are given back once it is, however it
 * ends; a chunk that would pass the bound stops the read (503, transient).
 */
import { isAscii } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import { finished, type Readable, type Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { BytesInFlight } from '../fhir/bytes-in-flight.js';
import { requestBytesInFlight } from './request-bytes-in-flight.js';
import { utf8Text } from './utf8-text.js';

/**
 * An error as body-parser shapes them: the error handler reads `type` and `status`, and
 * `encoding` for a Content-Encoding it cannot or could not decode.
 */
export class BodyError extends Error {
  constructor(
    message: string,
    readonly type:
      | 'entity.parse.failed'
      | 'charset.unsupported'
      | 'entity.decode.failed'
      | 'encoding.unsupported'
      | 'entity.too.large'
      | 'request.aborted'
      | 'request.size.invalid'
      | 'node.bound.reached',
    readonly status: number,
    readonly encoding?: string,
  ) {
    super(message);
  }
}

/** A body over the limit: the limit goes with it, so the 413 can say how large it is. */
export class BodyTooLarge extends BodyError {
  constructor(readonly limitBytes: number) {
    super('request entity too large', 'entity.too.large', 413);
  }
}

/**
 * The body as text, at most `limitBytes` of it (after decompression), its chunks held in
 * `inFlight` while it is read. Rejects with a BodyError (or, for a stream that fails, its
 * error with status 400) once the rest of the request has been read off, so the answer does
 * not cut the client short.
 */
export async function readBodyText(
  req: IncomingMessage,
  limitBytes: number,
  inFlight: BytesInFlight = requestBytesInFlight,
): Promise<string> {
  const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
  const decompression = decompressionOf(req, encoding);
  const held = { bytes: 0 };
  let chunks: Buffer[];
  try {
    chunks = await readChunks(decompression ?? req, {
      length: decompression ? undefined : req.headers['content-length'],
      limitBytes,
      take: (bytes) => {
        if (!inFlight.take(bytes)) return false;
        held.bytes += bytes;
        return true;
      },
    });
  } catch (error) {
    // Given back before the rest is read off: those bytes are dropped as they come.
    inFlight.give(held.bytes);
    if (decompression) detach(req, decompression);
    await readOff(req);
    throw decompression ? decodeFailure(error, encoding) : withStatus(error, 400);
  }
  if (decompression) {
    // The decompression stream is done: let the request end.
    detach(req, decompression);
    req.resume();
  }
  try {
    return textOf(chunks);
  } finally {
    inFlight.give(held.bytes);
  }
}

/** ASCII chunks read as Latin-1 one by one; anything else joined and decoded as UTF-8. */
function textOf(chunks: readonly Buffer[]): string {
  if (!chunks.every((chunk) => isAscii(chunk))) return utf8Text(Buffer.concat(chunks));
  let text = '';
  for (const chunk of chunks) text += chunk.toString('latin1');
  return text;
}

/**
 * The stream's chunks as they came, as raw-body reads them (its errors, its limit); each chunk
 * kept only once `take` has counted it towards the node's bound.
 */
function readChunks(
  stream: Readable,
  {
    length,
    limitBytes,
    take,
  }: { length: string | undefined; limitBytes: number; take: (bytes: number) => boolean },
): Promise<Buffer[]> {
  // As raw-body: a length that is not a number is no length (Node's parser refuses those anyway).
  const parsed = length === undefined ? Number.NaN : Number.parseInt(length, 10);
  const expected = Number.isNaN(parsed) ? undefined : parsed;
  return new Promise((resolve, reject) => {
    if (expected !== undefined && expected > limitBytes) {
      reject(new BodyTooLarge(limitBytes));
      return;
    }
    const chunks: Buffer[] = [];
    let received = 0;
    let complete = false;
    const settle = (error: Error | undefined, value?: Buffer[]): void => {
      if (complete) return;
      complete = true;
      stream.off('aborted', onAborted);
      stream.off('close', onClose);
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', settle);
      if (error) {
        // raw-body's halt: the caller reads off the rest.
        stream.unpipe();
        stream.pause();
        reject(error);
      } else resolve(value ?? []);
    };
    const onAborted = (): void => {
      settle(new BodyError('request aborted', 'request.aborted', 400));
    };
    // A request closed before its end was cut off (raw-body would wait for ever).
    const onClose = onAborted;
    const onData = (chunk: Buffer): void => {
      received += chunk.length;
      if (received > limitBytes) settle(new BodyTooLarge(limitBytes));
      else if (!take(chunk.length)) settle(boundReached());
      else chunks.push(chunk);
    };
    const onEnd = (): void => {
      if (expected !== undefined && received !== expected)
        settle(
          new BodyError('request size did not match content length', 'request.size.invalid', 400),
        );
      else settle(undefined, chunks);
    };
    stream.on('aborted', onAborted);
    stream.on('close', onClose);
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', settle);
  });
}

const boundReached = () =>
  new BodyError(
    'the node is reading its most request body bytes at once',
    'node.bound.reached',
    503,
  );

/** A stream undoing the request's Content-Encoding, if it has one (415 for one we cannot). */
function decompressionOf(req: IncomingMessage, encoding: string): Transform | undefined {
  if (encoding === 'identity') return undefined;
  const decompression = decompressionFor(encoding);
  if (!decompression)
    throw new BodyError(
      `unsupported content encoding "${encoding}"`,
      'encoding.unsupported',
      415,
      encoding,
    );
  req.pipe(decompression);
  return decompression;
}

/** Unhooks and ends the decompression stream; whatever it says after this is not heard. */
function detach(req: IncomingMessage, decompression: Transform): void {
  req.unpipe(decompression);
  decompression.on('error', () => undefined);
  decompression.destroy();
}

/** body-parser's encodings (its zstd needs a newer Node), and gzip's old name. */
function decompressionFor(encoding: string): Transform | undefined {
  switch (encoding) {
    case 'deflate':
      return createInflate();
    // RFC 9110 §8.4.1.3: "A recipient SHOULD consider "x-gzip" to be equivalent to "gzip"".
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'br':
      return createBrotliDecompress();
    default:
      return undefined;
  }
}

/** Resolves once the request has ended (or failed), reading and dropping what is left. */
function readOff(req: IncomingMessage): Promise<void> {
  if (req.complete || req.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    finished(req, () => {
      resolve();
    });
    req.resume();
  });
}

/**
 * The decompression stream's own error (zlib's "incorrect header check", brotli's
 * "Decompression failed": no `type`) says nothing of the body: such an error means the bytes
 * were not what the Content-Encoding header names. Errors with a `type` are passed on.
 */
function decodeFailure(error: unknown, encoding: string): unknown {
  if (typeof error !== 'object' || error === null || 'type' in error) return withStatus(error, 400);
  return new BodyError(`not valid ${encoding}`, 'entity.decode.failed', 400, encoding);
}

/** The error with `status` set to `fallback` when it has none (http-errors' createError(400, error)). */
function withStatus(error: unknown, fallback: number): unknown {
  if (typeof error !== 'object' || error === null) return error;
  const { status } = error as { status?: unknown };
  if (typeof status !== 'number') Object.assign(error, { status: fallback });
  return error;
}
