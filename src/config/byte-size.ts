/**
 * Sizes as the configuration writes them (`service.bodyLimit`, `BODY_LIMIT`): a whole number
 * and `b`, `kb` or `mb`, in any case. A kb is 1,024 bytes, as body-parser's `bytes` counts.
 */
import { z } from 'zod';

/** A size: a whole number, then its unit (the one group). Shipped in config/emd-cds.schema.json. */
export const BYTE_SIZE_PATTERN = /^\d+(b|kb|mb)$/i;

/**
 * The largest body limit: the most request body bytes a node reads at once, every caller's
 * together (../http/request-bytes-in-flight.ts). A limit above it would let no body that large
 * through, ever, and each would be refused as if the node were busy.
 */
export const MAX_BODY_LIMIT_BYTES = 128 * 1024 * 1024;

/** A size as both configuration schemas check it (the config file's and the environment's). */
export const byteSizeSchema = z
  .string()
  .regex(BYTE_SIZE_PATTERN, 'a size such as 5mb')
  .refine(
    (size) => !BYTE_SIZE_PATTERN.test(size) || byteSizeOf(size) <= MAX_BODY_LIMIT_BYTES,
    'at most 128mb, the most request body bytes the node reads at once',
  );

const UNIT_BYTES: Readonly<Record<string, number>> = { b: 1, kb: 1024, mb: 1024 * 1024 };

/** The number of bytes a size names; throws for text that is not such a size. */
export function byteSizeOf(size: string): number {
  const match = BYTE_SIZE_PATTERN.exec(size);
  const unit = UNIT_BYTES[match?.[1]?.toLowerCase() ?? ''];
  if (!match || unit === undefined) throw new Error(`not a size such as 5mb: ${size}`);
  return Number.parseInt(size, 10) * unit;
}
