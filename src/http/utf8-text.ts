/**
 * UTF-8 bytes to text, quickly for what CDS clients send: FHIR JSON that is ASCII but for a
 * few names ("José", "Müller"). Node 20 decodes UTF-8 at a few hundred MB/s, as long as
 * JSON.parse takes for the same body, while ASCII read as Latin-1 is the same text at memory
 * speed. One accented name used to send a whole 42 KiB typical prefetch down the slow path:
 * about 160 µs of a request's main thread (docs/performance-log.md §26). Cut into pieces,
 * only the pieces holding non-ASCII bytes are decoded as UTF-8.
 */
import { isAscii } from 'node:buffer';

/** Small enough that a few names cost little, large enough that the pieces stay few. */
const PIECE_BYTES = 4096;

/** Past the end counts as a character start, so a piece may end there. */
const isContinuationByte = (buffer: Buffer, at: number): boolean =>
  ((buffer[at] ?? 0) & 0xc0) === 0x80;

/**
 * The text `bytes.toString('utf8')` gives, malformed sequences included: each piece ends
 * before a byte that is not a continuation byte, where a UTF-8 decoder starts afresh.
 */
export function utf8Text(bytes: Uint8Array, pieceBytes = PIECE_BYTES): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (isAscii(buffer)) return buffer.toString('latin1');
  let text = '';
  for (let start = 0; start < buffer.length;) {
    const end = pieceEnd(buffer, start, pieceBytes);
    const piece = buffer.subarray(start, end);
    text += isAscii(piece) ? piece.toString('latin1') : piece.toString('utf8');
    start = end;
  }
  return text;
}

/** Where the piece from `start` ends: at a byte that starts a character, when there is one. */
function pieceEnd(buffer: Buffer, start: number, pieceBytes: number): number {
  const limit = start + pieceBytes;
  if (limit >= buffer.length) return buffer.length;
  let end = limit;
  while (end > start && isContinuationByte(buffer, end)) end -= 1;
  if (end > start) return end;
  // Nothing but continuation bytes back to the start (malformed, or a tiny piece): the next
  // character start ahead instead.
  end = limit;
  while (end < buffer.length && isContinuationByte(buffer, end)) end += 1;
  return end;
}
