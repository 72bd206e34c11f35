/**
 * Checks a wording file's templates when it is loaded: every variable a template names
 * exists in the card view, and every summary, filled with the longest values it can take,
 * stays under 140 characters (CDS Hooks 2.0 §Card); the "add to the problem list" label
 * template likewise (./suggestion-label.ts). Apart from ./wording.ts because the card view
 * reads the wording type and this check reads the card view.
 */
import Mustache from 'mustache';
import { RULE_IDS } from '../../rules/types.js';
import { CARD_VIEW_NAMES, type CardView } from './card-view.js';
import { everyStatusView, type StatusView } from './status-view.js';
import { checkAddConditionLabel } from './suggestion-label.js';
import { templateNames } from './template-names.js';
import { SUMMARY_MAX_LENGTH, type Wording, type WordingProblem } from './wording.js';

/** Problems with a parsed wording file, each naming where; empty when it is usable. */
export function checkWording(wording: Wording): WordingProblem[] {
  const problems: WordingProblem[] = [];
  const check = (path: string[], text: string) => {
    try {
      for (const name of templateNames(Mustache.parse(text))) {
        if (
          !CARD_VIEW_NAMES.has(name) &&
          !(name.startsWith('>') && name.slice(1) in wording.partials)
        ) {
          problems.push({
            path,
            message: `unknown ${name.startsWith('>') ? 'partial' : 'variable'} "${name.replace(/^>/, '')}"`,
          });
        }
      }
    } catch (error) {
      problems.push({
        path,
        message: error instanceof Error ? error.message : 'not a valid template',
      });
    }
  };
  for (const [name, text] of Object.entries(wording.partials)) check(['partials', name], text);
  for (const id of RULE_IDS) {
    const { summary, detail } = wording.rules[id];
    const path = ['rules', id, 'summary'];
    check(path, summary);
    check(['rules', id, 'detail'], detail);
    if (problems.length > 0) continue;
    const tokens = Mustache.parse(summary);
    const lists = listsIterated(tokens, wording.partials, summaryView(...NO_STATUSES));
    if (lists.length > 0) {
      for (const name of lists)
        problems.push({
          path,
          message: JOINED_LISTS.has(name)
            ? `prints "${name}", every recent study joined in one text: a summary that holds it has no length limit (CDS Hooks: under 140 characters); keep it in the detail`
            : `iterates the list "${name}": a summary that repeats for each item has no length limit (CDS Hooks: under 140 characters); keep lists in the detail`,
        });
      continue;
    }
    const longest = summaryViews(namesOfSummary(tokens, wording.partials))
      .map((view) => Mustache.render(summary, view, wording.partials, { escape: String }))
      .reduce((a, b) => (b.length > a.length ? b : a), '');
    if (longest.length > SUMMARY_MAX_LENGTH)
      problems.push({
        path,
        message: `${String(longest.length)} characters once filled (at most ${String(SUMMARY_MAX_LENGTH)}): "${longest}"`,
      });
  }
  problems.push(...checkAddConditionLabel(wording));
  return problems;
}

/**
 * Texts that are lists joined ("FDG PET/CT whole body 2026-10-01, …", ./imaging-view.ts): as
 * long as the patient's studies make them, so no filled length bounds a summary that prints one.
 */
const JOINED_LISTS: ReadonlySet<string> = new Set([
  'imaging.wholeBodyStudies',
  'imaging.neuraxisStudies',
]);

/**
 * The list variables a summary repeats for (`{{#findings}}…{{/findings}}`) or prints whole
 * (a list, or a list joined in one text), through partials too. The length check fills lists
 * empty, so it cannot bound these: a patient with five findings fills the summary five times.
 * An inverted section (`{{^findings}}`) shows once at most, and is allowed.
 */
function listsIterated(
  tokens: readonly unknown[],
  partials: Readonly<Record<string, string>>,
  view: CardView,
  seen: ReadonlySet<string> = new Set(),
): string[] {
  const lists = new Set<string>();
  for (const token of tokens as [string, string, number, number, unknown[]?][]) {
    const [type, value, , , children] = token;
    const prints = type === 'name' || type === '&';
    // A section on a joined text shows once: only printing it is unbounded.
    if (
      ((type === '#' || prints) && Array.isArray(valueAt(view, value))) ||
      (prints && JOINED_LISTS.has(value))
    )
      lists.add(value);
    const partial = type === '>' && !seen.has(value) ? partials[value] : undefined;
    if (partial !== undefined)
      for (const name of listsIterated(
        Mustache.parse(partial),
        partials,
        view,
        new Set([...seen, value]),
      ))
        lists.add(name);
    if (children) for (const name of listsIterated(children, partials, view, seen)) lists.add(name);
  }
  return [...lists];
}

function valueAt(view: object, name: string): unknown {
  return name
    .split('.')
    .reduce<unknown>(
      (at, key) =>
        at && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined,
      view,
    );
}

/** The statuses of a card that lowers nothing: none, for the finding and the myeloma. */
const NO_STATUSES = [
  everyStatusView()[0] as StatusView,
  everyStatusView()[0] as StatusView,
] as const;

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
function summaryViews({ flags, namesStatus }: SummaryNames): CardView[] {
  const statuses = namesStatus ? everyStatusView() : [NO_STATUSES[0]];
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
function namesOfSummary(
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
    textOnly: [],
    history: [],
    hasHistory: lowered,
    phase: { isDiagnosis: lowered, isRelapsed: lowered, isUnknown: lowered },
    imaging: {
      isKnown: lowered,
      lookbackDays: 9999,
      wholeBodyCovered: lowered,
      wholeBodyStudies: long,
      neuraxisCovered: lowered,
      neuraxisStudies: long,
    },
    gaps: [],
  };
}
