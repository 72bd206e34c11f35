/**
 * A count of answer bytes being read at once across the node, against a bound. The cap on one
 * answer (./response-limit.ts) keeps one read from taking the service's memory, but not many:
 * twenty hook calls reading 32 MiB each from a server that answers without end pulled about
 * 420 MB through the main thread in 9 s, and every other caller waited (docs/security.md §3).
 * A read takes its bytes as they arrive and gives them all back when it ends, however it
 * ends; a read whose next chunk would pass the bound is stopped.
 */

export class BytesInFlight {
  #count = 0;

  constructor(readonly maxBytes: number) {}

  /** The bytes held now by reads that have not ended. */
  get count(): number {
    return this.#count;
  }

  /** Takes `bytes` if the count stays within the bound; otherwise takes nothing. */
  take(bytes: number): boolean {
    if (this.#count + bytes > this.maxBytes) return false;
    this.#count += bytes;
    return true;
  }

  /** Gives back what a read took, once it has ended. */
  give(bytes: number): void {
    this.#count -= bytes;
  }
}

/** Thrown (as fetch's `cause`) for a read stopped because the node's bound was reached. */
export class NodeReadBoundReached extends Error {
  override readonly name = 'NodeReadBoundReached';
  constructor(readonly maxBytes: number) {
    super(`the node is already reading ${String(maxBytes)} bytes of answers at once`);
  }
}

/**
 * A size in the largest binary unit that writes it whole (32 MiB, 1 KiB, 700 bytes): how the
 * bounds and caps on bytes read are named in a 412, a 413 or a 503.
 */
export function sizeText(bytes: number): string {
  for (const [unit, size] of [
    ['MiB', 1024 * 1024],
    ['KiB', 1024],
  ] as const)
    if (bytes >= size && bytes % size === 0) return `${String(bytes / size)} ${unit}`;
  return `${String(bytes)} bytes`;
}
