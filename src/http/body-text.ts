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
 */
import { isAscii } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import { finished, type Readable, type Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
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
      | 'request.size.invalid',
    readonly status: number,
    readonly encoding?: string,
  ) {
    super(message);
  }
}

/**
 * The body as text, at most `limitBytes` of it (after decompression). Rejects with a
 * BodyError (or, for a stream that fails, its error with status 400) once the rest of the
 * request has been read off, so the answer does not cut the client short.
 */
export async function readBodyText(req: IncomingMessage, limitBytes: number): Promise<string> {
  const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
  const decompression = decompressionOf(req, encoding);
  let chunks: Buffer[];
  try {
    chunks = await readChunks(decompression ?? req, {
      length: decompression ? undefined : req.headers['content-length'],
      limitBytes,
    });
  } catch (error) {
    if (decompression) detach(req, decompression);
    await readOff(req);
    throw decompression ? decodeFailure(error, encoding) : withStatus(error, 400);
  }
  if (decompression) {
    // The decompression stream is done: let the request end.
    detach(req, decompression);
    req.resume();
  }
  return textOf(chunks);
}

/** ASCII chunks read as Latin-1 one by one; anything else joined and decoded as UTF-8. */
function textOf(chunks: readonly Buffer[]): string {
  if (!chunks.every((chunk) => isAscii(chunk))) return utf8Text(Buffer.concat(chunks));
  let text = '';
  for (const chunk of chunks) text += chunk.toString('latin1');
  return text;
}

/** The stream's chunks as they came, as raw-body reads them (its errors, its limit). */
function readChunks(
  stream: Readable,
  { length, limitBytes }: { length: string | undefined; limitBytes: number },
): Promise<Buffer[]> {
  // As raw-body: a length that is not a number is no length (Node's parser refuses those anyway).
  const parsed = length === undefined ? Number.NaN : Number.parseInt(length, 10);
  const expected = Number.isNaN(parsed) ? undefined : parsed;
  return new Promise((resolve, reject) => {
    if (expected !== undefined && expected > limitBytes) {
      reject(tooLarge());
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
      if (received > limitBytes) settle(tooLarge());
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

const tooLarge = () => new BodyError('request entity too large', 'entity.too.large', 413);

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

/** body-parser's encodings (its zstd needs a newer Node). */
function decompressionFor(encoding: string): Transform | undefined {
  switch (encoding) {
    case 'deflate':
      return createInflate();
    case 'gzip':
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
