/**
 * An array schema whose length is checked before any item is. zod's own `.max()` runs only
 * once every item has been checked: an order-select call whose `context.draftOrders.entry`
 * held 2.4 million `1`s made 2.4 million issues (22 s of the event loop, a 377 MB answer),
 * and feedback with 300,000 empty suggestion ids overflowed the stack, as zod passes one
 * item's issues on as the arguments of one call (`issues.push(...issues)`), a 500. Here an
 * array too long is one issue naming the field and its limit, and its items are not read.
 */
import { z } from 'zod';

/** `array`, refused unread when it holds more than `max` items. */
export function boundedArray<T extends z.ZodArray>(array: T, max: number) {
  return z
    .unknown()
    .refine((value) => !Array.isArray(value) || value.length <= max, {
      message: `must hold at most ${String(max)} items`,
      abort: true,
    })
    .pipe(array);
}

/**
 * Lists of a request with no tighter bound of their own (order-select's `draftOrders` and
 * `selections`, the console's dry-run Bundle): an order session holds tens of orders and an
 * example record a few thousand resources, while zod lists 10,000 bad items within about a
 * tenth of a second.
 */
export const MAX_LIST_ITEMS = 10_000;
