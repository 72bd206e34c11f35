/**
 * The label of the suggestion that adds a reported finding to the problem list: wording
 * `suggestionLabels.addCondition`, a Mustache template that names the finding and its sites
 * ("Add to the problem list: … (liver)"), so a card with two findings offers two buttons a
 * clinician can tell apart (H59). A label without a name in it, as a site's wording written
 * before it was a template, is plain text and shows as written.
 *
 * CDS Hooks 2.0 §Suggestion sets no length for a label, but it is the text of a button: it is
 * held to the card summary's one sentence, under 140 characters, checked at load with long
 * names and shortened at render, the finding's name first, when the record's names are longer.
 */
import Mustache from 'mustache';
import { cutWithEllipsis } from '../../rules/text-end.js';
import { plainText } from './markdown.js';
import { REPORTED_LABEL_NAMES, type ReportedView } from './reported-view.js';
import { templateNames } from './template-names.js';
import { templateWriter } from './template-writer.js';
import { SUMMARY_MAX_LENGTH, type Wording, type WordingProblem } from './wording.js';

export const SUGGESTION_LABEL_MAX_LENGTH = SUMMARY_MAX_LENGTH;

type LabelView = Pick<ReportedView, 'finding' | 'sites' | 'hasSites'>;

/** A long name, as the summary check fills a joined list: 24 characters. */
const LONG = 'x'.repeat(24);

/** Values are record text: one plain line each, as in a summary. */
const PLAIN_TEXT = { escape: (value: unknown) => plainText(String(value)) };

/**
 * The label for one finding, in the wording's language. When the record's names make it too long,
 * the finding's name is shortened first, so the sites, which tell two findings' buttons apart
 * (H59; H126), stay whole; it keeps at least as many characters as the load check fills it with,
 * and whatever is still too long (sites longer than the label) is cut at the end.
 */
export function addConditionLabel(wording: Wording, finding: LabelView): string {
  // Only the names the check allows: a label never prints a report or a date.
  const view: LabelView = {
    finding: finding.finding,
    sites: finding.sites,
    hasSites: finding.hasSites,
  };
  const fill = (filled: LabelView) =>
    plainText(
      templateWriter(wording).render(wording.suggestionLabels.addCondition, filled, {}, PLAIN_TEXT),
    );
  const label = fill(view);
  if (label.length <= SUGGESTION_LABEL_MAX_LENGTH) return label;
  const name = plainText(view.finding);
  // One unit of the name's kept part goes to the "…" that ends it.
  const kept = Math.max(
    name.length - (label.length - SUGGESTION_LABEL_MAX_LENGTH) - 1,
    LONG.length,
  );
  const shortened = fill({ ...view, finding: cutWithEllipsis(name, kept) });
  return shortened.length > SUGGESTION_LABEL_MAX_LENGTH
    ? cutWithEllipsis(shortened, SUGGESTION_LABEL_MAX_LENGTH - 1)
    : shortened;
}

const LONG_NAMES: readonly LabelView[] = [
  { finding: LONG, sites: `${LONG}, ${LONG}`, hasSites: true },
  { finding: LONG, sites: '', hasSites: false },
];
/** A finding whose name is blank text: the label's own words must still say something. */
const NO_NAMES: LabelView = { finding: '', sites: '', hasSites: false };

/**
 * Problems with the label template, each naming where; empty when it is usable: it parses,
 * names only `finding`, `sites` and `hasSites`, has words of its own (CDS Hooks: a label is
 * required, and a record's name may be blank), and once filled with long names, with sites
 * and without, stays under 140 characters.
 */
export function checkAddConditionLabel(wording: Wording): WordingProblem[] {
  const path = ['suggestionLabels', 'addCondition'];
  const template = wording.suggestionLabels.addCondition;
  let tokens: unknown[];
  try {
    tokens = Mustache.parse(template);
  } catch (error) {
    return [{ path, message: error instanceof Error ? error.message : 'not a valid template' }];
  }
  const unknown = templateNames(tokens).filter((name) => !REPORTED_LABEL_NAMES.has(name));
  if (unknown.length > 0)
    return unknown.map((name) => ({
      path,
      message: `unknown ${name.startsWith('>') ? 'partial' : 'variable'} "${name.replace(/^>/, '')}" (a label may name finding, sites and hasSites)`,
    }));
  const fill = (view: LabelView) =>
    plainText(Mustache.render(template, view, {}, { escape: String }));
  const problems: WordingProblem[] = [];
  if (fill(NO_NAMES) === '')
    problems.push({
      path,
      message: 'empty for a finding the record names in no words: a label needs words of its own',
    });
  for (const view of LONG_NAMES) {
    const filled = fill(view);
    const finding = view.hasSites ? 'a finding with sites' : 'a finding without sites';
    if (filled.length > SUGGESTION_LABEL_MAX_LENGTH)
      problems.push({
        path,
        message: `${String(filled.length)} characters once filled for ${finding} (at most ${String(SUGGESTION_LABEL_MAX_LENGTH)}): "${filled}"`,
      });
  }
  return problems;
}
