/**
 * Sizes as the configuration writes them (`service.bodyLimit`, `BODY_LIMIT`): a whole number
 * and `b`, `kb` or `mb`, in any case. A kb is 1,024 bytes, as body-parser's `bytes` counts.
 */

export const BYTE_SIZE_PATTERN = /^\d+(b|kb|mb)$/i;

const UNIT_BYTES: Readonly<Record<string, number>> = { b: 1, kb: 1024, mb: 1024 * 1024 };

/** The number of bytes a size names; throws for text that is not such a size. */
export function byteSizeOf(size: string): number {
  const match = /^(\d+)(b|kb|mb)$/i.exec(size);
  const unit = UNIT_BYTES[match?.[2]?.toLowerCase() ?? ''];
  if (!match || unit === undefined) throw new Error(`not a size such as 5mb: ${size}`);
  return Number(match[1]) * unit;
}
