/**
 * The card views a summary's length is checked against when a wording file is loaded
 * (./check-wording.ts): the longest text each value can take, with every combination of the
 * flags and statuses the summary names, so that no card's filled summary is longer than the
 * longest one tried.
 */
import Mustache from 'mustache';
import type { CardView } from './card-view.js';
import { everyStatusView, type StatusView } from './status-view.js';
import { templateNames } from './template-names.js';

/** The status of a finding or myeloma that lowers nothing. */
const NO_STATUS = everyStatusView()[0] as StatusView;
/** The statuses of a card that lowers nothing: none, for the finding and the myeloma. */
const NO_STATUSES = [NO_STATUS, NO_STATUS] as const;

/** A view with no flag on, no status and the longest texts. */
export const plainSummaryView = (): CardView => summaryView(...NO_STATUSES);

/**
 * More flags than this in one summary are not tried in every combination (each doubles the
 * views, 36 status pairs each, and a reload waits for them): each flag is then tried on and
 * off against the others all on and all off. The shipped summaries name four.
 */
const MOST_FLAGS_COMBINED = 6;

/**
 * The views a summary's length is checked against at load: the longest text each value can
 * take, every pair of finding and myeloma statuses (one status at a time, or several: rules
 * page §2) when the summary names a status, and every combination of the yes/no flags it names
 * (`lowered`, `loweredBoth`, `held`, …, through its partials too). Every combination, not
 * only all on and all off: a summary may print more when one flag is on and another off
 * (`{{#lowered}}…{{^held}}, shown one level lower{{/held}}{{/lowered}}`), and a summary too
 * long for some card is cut on that card ("…", ./build-card.ts) instead of refused here.
 * Combinations no card meets are tried too: at worst a site shortens a summary that could not
 * have been cut.
 */
export function summaryViews({ flags, namesStatus }: SummaryNames): CardView[] {
  const statuses = namesStatus ? everyStatusView() : [NO_STATUS];
  const pairs = statuses.flatMap((finding) =>
    statuses.map((myeloma) => [finding, myeloma] as const),
  );
  return flagCombinations(flags).flatMap((on) =>
    pairs.map(([finding, myeloma]) => withFlags(summaryView(finding, myeloma), flags, on)),
  );
}

/** Each combination of `flags` as the set of those on. */
function flagCombinations(flags: readonly string[]): ReadonlySet<string>[] {
  if (flags.length > MOST_FLAGS_COMBINED)
    return [
      new Set(),
      new Set(flags),
      ...flags.map((flag) => new Set([flag])),
      ...flags.map((flag) => new Set(flags.filter((other) => other !== flag))),
    ];
  return Array.from(
    { length: 2 ** flags.length },
    (_, bits) => new Set(flags.filter((_flag, i) => (bits >> i) & 1)),
  );
}

/** `view` with each of `flags` (dotted names, `phase.isRelapsed`) set on when in `on`. */
function withFlags(view: CardView, flags: readonly string[], on: ReadonlySet<string>): CardView {
  // summaryView builds new objects each time: set in place.
  const fields = view as unknown as Record<string, unknown>;
  for (const flag of flags) {
    const keys = flag.split('.');
    const last = keys.pop() as string;
    const parent = keys.reduce((at, key) => at[key] as Record<string, unknown>, fields);
    parent[last] = on.has(flag);
  }
  return view;
}

/** What of the card view a summary names, for the views its length is checked against. */
interface SummaryNames {
  /** The view's yes/no flags it names. */
  flags: string[];
  /** Whether it names a status (so its words depend on which). */
  namesStatus: boolean;
}

/**
 * The yes/no flags and statuses of the card view a summary names, through its partials. Flags
 * are the view's booleans (`held`, `phase.isRelapsed`; nested ones are written dotted,
 * ./card-view.ts); the statuses' own flags (`unreadable`, `isMixed`) are not among them, as
 * every status is tried when the summary names one.
 */
export function namesOfSummary(
  tokens: readonly unknown[],
  partials: Readonly<Record<string, string>>,
): SummaryNames {
  const names = new Set(namesThroughPartials(tokens, partials));
  return {
    flags: VIEW_FLAGS.filter((flag) => names.has(flag)),
    namesStatus: [...STATUS_KEYS].some((key) => names.has(key)),
  };
}

/** Every name a template writes, and the names its partials write, each partial once. */
function namesThroughPartials(
  tokens: readonly unknown[],
  partials: Readonly<Record<string, string>>,
  seen: Set<string> = new Set(),
): string[] {
  return templateNames(tokens).flatMap((name) => {
    if (!name.startsWith('>')) return [name];
    const partial = partials[name.slice(1)];
    if (partial === undefined || seen.has(name)) return [];
    seen.add(name);
    return namesThroughPartials(Mustache.parse(partial), partials, seen);
  });
}

/** The view's statuses, tried through `everyStatusView` rather than flag by flag. */
const STATUS_KEYS: ReadonlySet<string> = new Set([
  'findingStatus',
  'myelomaStatus',
  'relapseStatus',
]);

/** The dotted names of the card view's booleans, outside the statuses. */
const VIEW_FLAGS: readonly string[] = booleanPaths(
  summaryView(...NO_STATUSES) as unknown as Record<string, unknown>,
);

function booleanPaths(object: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(object).flatMap(([key, value]) => {
    if (typeof value === 'boolean') return [`${prefix}${key}`];
    const nested = value !== null && typeof value === 'object' && !Array.isArray(value);
    return nested && !STATUS_KEYS.has(key)
      ? booleanPaths(value as Record<string, unknown>, `${prefix}${key}.`)
      : [];
  });
}

/** A view with no flag on and the longest texts, for these statuses. */
function summaryView(findingStatus: StatusView, myelomaStatus: StatusView): CardView {
  const lowered = false;
  const long = 'x'.repeat(24);
  return {
    lowered,
    loweredFinding: lowered,
    loweredMyeloma: lowered,
    loweredBoth: lowered,
    findingStatus,
    myelomaStatus,
    myelomaUncertain: lowered,
    relapseStatus: myelomaStatus,
    held: lowered,
    heldUnreadable: lowered,
    heldTextOnly: lowered,
    heldPhaseHistory: lowered,
    heldPhaseUncertain: lowered,
    heldGuard: lowered,
    findings: [],
    outranked: [],
    hasOutranked: lowered,
    hasFindings: lowered,
    study: [],
    reported: [],
    hasRefutedReported: lowered,
    hasCitedNotAsFinding: lowered,
    textOnly: [],
    history: [],
    hasHistory: lowered,
    phase: { isDiagnosis: lowered, isRelapsed: lowered, isUnknown: lowered },
    imaging: {
      isKnown: lowered,
      lookbackDays: 9999,
      wholeBodyCovered: lowered,
      wholeBodyStudies: long,
      wholeBodyUndated: long,
      neuraxisCovered: lowered,
      neuraxisStudies: long,
      neuraxisUndated: long,
    },
    gaps: [],
  };
}
