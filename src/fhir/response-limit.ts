/**
 * A cap on the size of one HTTP answer read with fetch, counted after decompression: every
 * FHIR answer (32 MiB, ./fhir-client.ts) and every issuer's JWKS (1 MiB,
 * ../auth/jwks-fetch.ts). fetch reads a body whole (fhir-kit-client calls `response.text()`,
 * jose `response.json()`) and inflates gzip, deflate and br without any limit: a server that
 * streams without end, or sends a gzip bomb (400 KB that inflates to 400 MB took one FHIR call
 * to about 1 GB of memory, then JSON.parse held the event loop), could exhaust the service's
 * memory within a call's time budget. An undici interceptor sees the bytes before fetch does:
 * it stops a body larger than the cap on the wire, and decodes a compressed one itself with
 * zlib's `maxOutputLength`, handing fetch the plain bytes (so fetch decodes nothing). A
 * compressed body is buffered whole for that, as fetch's `text()` would have done anyway; a
 * plain one goes on to fetch as it comes. Here, in the lowest layer both the FHIR client and
 * auth/ may import (eslint.layers.js), so there is one copy. Given a node-wide count
 * (./bytes-in-flight.ts, FHIR answers only), each read also holds its bytes on the wire there
 * until it ends, and is stopped like an answer over the cap once the count would pass its bound.
 *
 * The cap bounds an answer's bytes, not the time JSON.parse takes over them: a 15.6 KB gzip
 * that inflated to 16 MB of nested arrays, under the cap, held the event loop 76 s in
 * fhir-kit-client's JSON.parse, and the call's time budget cannot stop a parse once begun. So
 * the decoded bytes are also read for their nesting (./json-nesting.ts), a plain body chunk by
 * chunk as it goes on to fetch, and an answer nested deeper than MAX_JSON_DEPTH fails like one
 * over the cap (ResponseTooDeep), before fetch hands it to the parser.
 */
import { promisify } from 'node:util';
import { brotliDecompress, constants, gunzip, inflate, inflateRaw } from 'node:zlib';
import { DecoratorHandler, type Dispatcher } from 'undici';
import { NodeReadBoundReached, type BytesInFlight } from './bytes-in-flight.js';
import { JsonNestingReader, MAX_JSON_DEPTH } from './json-nesting.js';

/**
 * The largest FHIR answer read, in bytes, decompressed: 32 MiB. A search page of a thousand
 * Conditions is about 2 MB; the whole of a call's prefetch may be 32 MiB (BODY_LIMIT's
 * default, in step with this cap: prefetch is what the service would read itself).
 */
export const MAX_FHIR_RESPONSE_BYTES = 32 * 1024 * 1024;

/**
 * The most FHIR answer bytes the node reads at once, all calls together, counted on the wire
 * as the cap above is (./bytes-in-flight.ts): 128 MiB. Four answers at the cap read at once,
 * while a thousand ordinary calls' pages (2 MB each at most) stay far under it; twenty reads
 * of 32 MiB at once took about 420 MB and seconds of the main thread from every other caller.
 */
export const MAX_FHIR_BYTES_IN_FLIGHT = 4 * MAX_FHIR_RESPONSE_BYTES;

/** Thrown (as fetch's `cause`) for an answer larger than the cap. */
export class ResponseTooLarge extends Error {
  override readonly name = 'ResponseTooLarge';
  constructor(readonly maxBytes: number) {
    super(`the answer is larger than ${String(maxBytes)} bytes`);
  }
}

/** Thrown (as fetch's `cause`) for an answer nested deeper than MAX_JSON_DEPTH. */
export class ResponseTooDeep extends Error {
  override readonly name = 'ResponseTooDeep';
  constructor(readonly maxDepth: number) {
    super(`the answer nests objects and arrays deeper than ${String(maxDepth)} levels`);
  }
}

/** Thrown (as fetch's `cause`) for an answer holding more than MAX_JSON_CONTAINERS of them. */
export class ResponseTooManyContainers extends Error {
  override readonly name = 'ResponseTooManyContainers';
  constructor(readonly maxContainers: number) {
    super(`the answer holds more than ${String(maxContainers)} objects and arrays`);
  }
}

type Decode = (buffer: Buffer, options: object) => Promise<Buffer>;
// A Map: the coding is the FHIR server's header text, and an object literal would answer
// `constructor` or `__proto__` with Object.prototype's members.
const decoders: ReadonlyMap<string, Decode> = new Map<string, Decode>([
  ['gzip', promisify(gunzip)],
  ['x-gzip', promisify(gunzip)],
  [
    'deflate',
    (buffer, options) =>
      // RFC 9110 §8.4.1.2 says zlib format; some servers send raw deflate, as fetch allows.
      ((buffer[0] ?? 0) & 0x0f) === 0x08
        ? promisify(inflate)(buffer, options)
        : promisify(inflateRaw)(buffer, options),
  ],
  ['br', promisify(brotliDecompress)],
]);

/**
 * The interceptor, for `dispatcher.compose(...)`; with `inFlight`, each read also counts its
 * bytes there while it lasts, and is refused as NodeReadBoundReached past that bound.
 */
function limitResponseSize(
  maxBytes: number,
  inFlight?: BytesInFlight,
): Dispatcher.DispatcherComposeInterceptor {
  return (dispatch) => (options, handler) =>
    dispatch(options, new SizeLimitedHandler(handler, maxBytes, inFlight));
}

/**
 * One capped dispatcher per pooled one, cap and node bound, made once: callers build a client
 * per call.
 */
const cappedDispatchers = new WeakMap<
  Dispatcher,
  Map<BytesInFlight | undefined, Map<number, Dispatcher>>
>();

/**
 * `dispatcher` with answers over `maxBytes` (decompressed) refused as ResponseTooLarge, and,
 * given `inFlight`, reads past its bound refused as NodeReadBoundReached.
 */
export function cappedDispatcher(
  dispatcher: Dispatcher,
  maxBytes: number,
  inFlight?: BytesInFlight,
): Dispatcher {
  let byBound = cappedDispatchers.get(dispatcher);
  if (!byBound) {
    byBound = new Map();
    cappedDispatchers.set(dispatcher, byBound);
  }
  let byCap = byBound.get(inFlight);
  if (!byCap) {
    byCap = new Map();
    byBound.set(inFlight, byCap);
  }
  let capped = byCap.get(maxBytes);
  if (!capped) {
    capped = dispatcher.compose(limitResponseSize(maxBytes, inFlight));
    byCap.set(maxBytes, capped);
  }
  return capped;
}

class SizeLimitedHandler extends DecoratorHandler {
  readonly #handler: Dispatcher.DispatchHandlers;
  readonly #maxBytes: number;
  readonly #inFlight: BytesInFlight | undefined;
  /** What this read holds of `#inFlight`, given back once when it ends. */
  #taken = 0;
  #abort: ((error?: Error) => void) | undefined;
  #head: { status: number; headers: Buffer[]; text: string; codings: string[] } | undefined;
  /** A plain body, passed on chunk by chunk; a compressed one is buffered and decoded here. */
  #streaming = false;
  #chunks: Buffer[] = [];
  #size = 0;
  #failed = false;
  #ended = false;
  /** The nesting of the decoded bytes so far. */
  readonly #nesting = new JsonNestingReader(MAX_JSON_DEPTH);

  /** The error for an answer the nesting reader refused, by its reason. */
  #shapeError(): Error {
    const nesting = this.#nesting;
    return nesting.problem === 'too-many-containers'
      ? new ResponseTooManyContainers(nesting.maxContainers)
      : new ResponseTooDeep(nesting.maxDepth);
  }

  constructor(
    handler: Dispatcher.DispatchHandlers,
    maxBytes: number,
    inFlight: BytesInFlight | undefined,
  ) {
    super(handler);
    this.#handler = handler;
    this.#maxBytes = maxBytes;
    this.#inFlight = inFlight;
  }

  onConnect(abort: (error?: Error) => void): void {
    this.#abort = abort;
    this.#handler.onConnect?.(abort);
  }

  onHeaders(status: number, headers: Buffer[], resume: () => void, statusText: string): boolean {
    // 1xx answers carry no body: passed on as they come.
    if (status < 200) return this.#handler.onHeaders?.(status, headers, resume, statusText) ?? true;
    const kept: Buffer[] = [];
    let codings: string[] = [];
    for (let i = 0; i + 1 < headers.length; i += 2) {
      const name = String(headers[i]).toLowerCase();
      const value = String(headers[i + 1]);
      if (name === 'content-length' && Number(value) > this.#maxBytes) {
        this.#fail(new ResponseTooLarge(this.#maxBytes));
        return false;
      }
      if (name === 'content-encoding') codings = value.toLowerCase().split(',');
      // Both change once the body is decoded here.
      else if (name !== 'content-length') kept.push(headers[i] as Buffer, headers[i + 1] as Buffer);
    }
    codings = codings.map((coding) => coding.trim()).filter((c) => c !== '' && c !== 'identity');
    // A plain body (or one in a coding fetch would not decode, then not JSON: an error) goes
    // on to fetch as it comes, counted on the way: nothing is buffered or copied for it, so
    // the common answer costs the cap a comparison a chunk.
    if (codings.length === 0 || !codings.every((coding) => decoders.has(coding))) {
      this.#streaming = true;
      return this.#handler.onHeaders?.(status, headers, resume, statusText) ?? true;
    }
    this.#head = { status, headers: kept, text: statusText, codings };
    return true;
  }

  onData(chunk: Buffer): boolean {
    if (this.#failed) return false;
    this.#size += chunk.length;
    if (this.#size > this.#maxBytes) {
      this.#fail(new ResponseTooLarge(this.#maxBytes));
      return false;
    }
    if (this.#inFlight) {
      if (!this.#inFlight.take(chunk.length)) {
        this.#fail(new NodeReadBoundReached(this.#inFlight.maxBytes));
        return false;
      }
      this.#taken += chunk.length;
    }
    if (!this.#streaming) {
      this.#chunks.push(chunk);
      return true;
    }
    if (this.#nesting.nestsTooDeep(chunk)) {
      this.#fail(this.#shapeError());
      return false;
    }
    return this.#handler.onData?.(chunk) ?? true;
  }

  onComplete(trailers: string[] | null): void {
    if (this.#failed) return;
    if (this.#streaming) {
      this.#giveBack();
      this.#handler.onComplete?.(trailers);
      return;
    }
    const head = this.#head;
    if (!head) {
      this.#giveBack();
      this.#handler.onComplete?.(trailers);
      return;
    }
    // The compressed bytes are held until decoded, so they count until then.
    void this.#decode(Buffer.concat(this.#chunks), head.codings).then(
      (body) => {
        this.#giveBack();
        if (this.#nesting.nestsTooDeep(body)) {
          this.#end(this.#shapeError());
          return;
        }
        this.#handler.onHeaders?.(head.status, head.headers, () => undefined, head.text);
        if (body.length > 0) this.#handler.onData?.(body);
        this.#handler.onComplete?.(trailers);
      },
      (error: unknown) => {
        // zlib's maxOutputLength reached; any other failure is a body that does not decode.
        const tooLarge = (error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE';
        this.#end(
          tooLarge || !(error instanceof Error) ? new ResponseTooLarge(this.#maxBytes) : error,
        );
      },
    );
  }

  onError(error: Error): void {
    this.#end(error);
  }

  /** Decodes in the order the codings were applied, last first (RFC 9110 §8.4). */
  async #decode(body: Buffer, codings: readonly string[]): Promise<Buffer> {
    let decoded = body;
    for (const coding of [...codings].reverse()) {
      const decode = decoders.get(coding);
      if (!decode) throw new Error(`no decoder for ${coding}`);
      // Lenient at the end of the stream, as fetch is (and curl): Z_SYNC_FLUSH.
      decoded = await decode(decoded, {
        maxOutputLength: this.#maxBytes,
        finishFlush: coding === 'br' ? constants.BROTLI_OPERATION_FLUSH : constants.Z_SYNC_FLUSH,
      });
    }
    return decoded;
  }

  /**
   * Stops reading at once, and tells fetch once, a turn later. fetch (undici 6, Node 20's
   * too) makes the response a few microtasks after onHeaders and only then listens for a
   * failure: told in the same turn, as when the first chunk is already over the cap or finds
   * the node's bound reached, it left the body waiting for ever, deaf even to the call's
   * budget. The abort below calls onError, which passes nothing on.
   */
  #fail(error: Error): void {
    this.#failed = true;
    this.#chunks = [];
    this.#giveBack();
    this.#ended = true;
    this.#abort?.(error);
    setImmediate(() => this.#handler.onError?.(error));
  }

  /** A failure from below (the network, an abort such as the budget's) or in decoding. */
  #end(error: Error): void {
    this.#giveBack();
    if (this.#ended) return;
    this.#ended = true;
    this.#handler.onError?.(error);
  }

  /**
   * Gives the node's count back what this read took: a count left held would refuse every
   * later read once it reached the bound. Idempotent, as onError may follow a failure.
   */
  #giveBack(): void {
    this.#inFlight?.give(this.#taken);
    this.#taken = 0;
  }
}
