/**
 * Why a Condition is uncertain (rules page §2 "Status"): the verification status word it is
 * recorded with, or a status that could not be read (which counts as unconfirmed). A card
 * lowered for uncertainty says which of these it found, not every one it could have.
 */

/** In the order a card names them: the three verification codes, then an unreadable status. */
export const UNCERTAIN_STATUSES = [
  'unconfirmed',
  'provisional',
  'differential',
  'unreadable',
] as const;
export type UncertainStatus = (typeof UNCERTAIN_STATUSES)[number];

/** The distinct statuses of several records, in the order of UNCERTAIN_STATUSES. */
export function distinctStatuses(
  lists: Iterable<readonly UncertainStatus[]>,
): readonly UncertainStatus[] {
  const found = new Set<UncertainStatus>();
  for (const list of lists) for (const status of list) found.add(status);
  if (found.size === 0) return NONE;
  return UNCERTAIN_STATUSES.filter((status) => found.has(status));
}

const NONE: readonly UncertainStatus[] = Object.freeze([]);
