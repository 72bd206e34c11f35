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
import { checkAddConditionLabel } from './suggestion-label.js';
import { namesOfSummary, plainSummaryView, summaryViews } from './summary-views.js';
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
        message:
          unclosedTagAt(text) ?? (error instanceof Error ? error.message : 'not a valid template'),
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
    const lists = listsIterated(tokens, wording.partials, plainSummaryView());
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
  'imaging.wholeBodyUndated',
  'imaging.neuraxisStudies',
  'imaging.neuraxisUndated',
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

/**
 * Where a `{{` that is never closed is, as line:column of the template: Mustache names the
 * character offset it stopped at, the end of the text, which no one can find in a file.
 */
function unclosedTagAt(text: string): string | undefined {
  for (let at = text.indexOf('{{'); at !== -1; at = text.indexOf('{{', at + 2)) {
    const close = text.indexOf('}}', at + 2);
    const next = text.indexOf('{{', at + 2);
    if (close !== -1 && (next === -1 || close < next)) continue;
    const before = text.slice(0, at).split('\n');
    const line = before.length;
    const col = (before.at(-1)?.length ?? 0) + 1;
    return `the tag "${text.slice(at, at + 20).split('\n')[0] ?? ''}" at line ${String(line)}, column ${String(col)} of this text is not closed: end it with }}`;
  }
  return undefined;
}
