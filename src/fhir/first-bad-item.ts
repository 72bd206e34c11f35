/**
 * An array schema that stops at its first bad item. zod's `z.array` checks every item and
 * makes an issue for each problem: a Condition whose `code.coding` held 400,000 bad codings
 * (5 MB of prefetch) took 6 s of the event loop to refuse, and a FHIR answer may hold 32 MiB
 * of them. Whoever reads FHIR data needs only whether it passes and its first problem
 * (./parse-fhir-data.ts; a draft order's problems, ../cds/draft-orders.ts), so the items
 * after the first bad one are not checked: the same data pass and fail, with the same first
 * problem, and a bad list costs what its good items before the first bad one cost. Nor is the
 * array copied item by item, as `z.array(z.unknown())` would (7 ms for 50,000 items).
 */
import { z } from 'zod';

/**
 * An array of `item`s, whose problems are those of its first bad item, at its index; not an
 * array, the issue `z.array` gives. Its value is the array as given (the schemas here copy
 * nothing anyone reads: loose objects, no transforms).
 */
export function arrayOf<T extends z.ZodType>(item: T): z.ZodType<z.output<T>[], z.input<T>[]> {
  return z.unknown().superRefine((items, ctx) => {
    // `continue: false`, as zod's own issues: an enclosing refinement does not run on them.
    if (!Array.isArray(items)) {
      ctx.addIssue({ code: 'invalid_type', expected: 'array', input: items, continue: false });
      return;
    }
    for (let index = 0; index < items.length; index += 1) {
      const checked = item.safeParse(items[index]);
      if (checked.success) continue;
      for (const issue of checked.error.issues)
        ctx.addIssue({ ...issue, path: [index, ...issue.path], continue: false });
      return;
    }
  }) as unknown as z.ZodType<z.output<T>[], z.input<T>[]>;
}
