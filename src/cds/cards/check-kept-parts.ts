/**
 * Checks, when a wording file is loaded, that each rule's templates still say what a card must
 * say: that the card was lowered, and why (rules page §2 "Status": a lowered card "says so"),
 * and which findings the card rests on (§4: the detail lists the patient's findings). Every
 * other check of ./check-wording.ts can pass while a site's copy says none of it: a CNS card
 * resting on a differential dural plasmacytoma then reads "CNS myeloma: rare, …" at warning,
 * with no "(differential)", and a soft-tissue card lists no finding.
 *
 * The templates are filled, not searched for tags: a file written for an earlier version says
 * "{{#lowered}} (unconfirmed){{/lowered}}" without the `loweredTag` partial, and its lowering
 * partial names the causes in words of its own; both still say what is needed, and still load
 * (docs/configuring.md example e). A template is refused when filling it for a lowered card
 * gives the same text as for a card that is not lowered, or when the findings it is given
 * appear nowhere in it.
 */
import Mustache from 'mustache';
import { RULE_IDS } from '../../rules/types.js';
import type { CardView } from './card-view.js';
import type { FindingView } from './finding-view.js';
import { KEPT_PARTS, LOWERED_TAG, type ListedPart } from './kept-parts.js';
import { statusView } from './status-view.js';
import { plainSummaryView } from './summary-views.js';
import type { Wording, WordingProblem } from './wording.js';

/**
 * `template` filled for `view` as a card is (its partials, nothing escaped), or undefined when
 * it does not parse: ./check-wording.ts reports that.
 */
export function filledOrUndefined(
  template: string,
  view: CardView,
  partials: Wording['partials'],
): string | undefined {
  try {
    return Mustache.render(template, view, partials, { escape: String });
  } catch {
    return undefined;
  }
}

/** Problems with the templates' content, each naming the template and what to put back. */
export function checkKeptParts(wording: Wording): WordingProblem[] {
  const fill = (template: string) => (view: CardView) =>
    filledOrUndefined(template, view, wording.partials);
  return RULE_IDS.flatMap((id) => {
    const { summary, detail } = wording.rules[id];
    const atSummary = (message: string) => ({ path: ['rules', id, 'summary'], message });
    const atDetail = (message: string) => ({ path: ['rules', id, 'detail'], message });
    return [
      ...(KEPT_PARTS[id].summarySaysLowered ? summaryProblems(fill(summary)) : []).map(atSummary),
      ...detailProblems(fill(detail), KEPT_PARTS[id].listed).map(atDetail),
    ];
  });
}

type Fill = (view: CardView) => string | undefined;

function summaryProblems(fill: Fill): string[] {
  const unsaid = causesUnsaid(fill);
  return unsaid === undefined
    ? []
    : [
        `does not say that the card was lowered${unsaid} (rules page §2: a lowered card says so): put back ${LOWERED_TAG}, with the shipped loweredTag partial`,
      ];
}

function detailProblems(fill: Fill, listed: readonly ListedPart[]): string[] {
  const filled = fill(notLowered());
  if (filled === undefined) return [];
  const problems: string[] = [];
  const unsaid = causesUnsaid(fill);
  if (unsaid !== undefined)
    problems.push(
      `does not say that the card was lowered${unsaid}, nor why (rules page §2: a lowered card says so): put back {{> lowering}}, with the shipped lowering partial`,
    );
  else if (fill(loweredFor('finding')) === fill(loweredFor('myeloma')))
    problems.push(
      "says that the card was lowered but not why, the findings' status or the myeloma diagnosis's (rules page §2): put back the shipped lowering partial, with its findingClause and myelomaClause",
    );
  for (const { list, what, putBack } of listed)
    if (!filled.includes(MARKS[list]))
      problems.push(
        `does not list the ${what} the card rests on: put back ${putBack} as the shipped wording has it`,
      );
  return problems;
}

type Cause = 'finding' | 'myeloma' | 'both';

/**
 * Undefined when the text for a card lowered for each cause differs from the one for a card
 * not lowered; else which causes it leaves unsaid, as words for the message ("" for all).
 */
function causesUnsaid(fill: Fill): string | undefined {
  const plain = fill(notLowered());
  if (plain === undefined) return undefined;
  const unsaid = CAUSES.filter((cause) => fill(loweredFor(cause)) === plain);
  if (unsaid.length === 0) return undefined;
  if (unsaid.length === CAUSES.length) return '';
  return ` when ${unsaid.map((cause) => CAUSE_WORDS[cause]).join(', or when ')}`;
}

const CAUSES: readonly Cause[] = ['finding', 'myeloma', 'both'];
const CAUSE_WORDS: Readonly<Record<Cause, string>> = {
  finding: 'its findings are uncertain',
  myeloma: 'the myeloma diagnosis is uncertain',
  both: 'its findings and the myeloma diagnosis are both uncertain',
};

/**
 * Marks the findings carry as their names, to find in a filled detail. A finding named only by
 * its sites, or only by its label, is named: two findings, one with sites and one without.
 */
const MARKS = {
  findings: '\u27e6finding\u27e7',
  textOnly: '\u27e6text-only\u27e7',
  reported: '\u27e6reported\u27e7',
} as const;

const UNCERTAIN = statusView(['provisional']);

function markedFinding(hasSites: boolean): FindingView {
  return {
    label: MARKS.findings,
    sites: hasSites ? MARKS.findings : '',
    hasSites,
    classLabel: 'class',
    date: '2026-01-01',
    sources: [],
    atypical: false,
    partlyAtypical: false,
    atypicalSites: '',
    hasUnreadSites: false,
    unreadSites: '',
    uncertain: true,
    statusUnreadable: false,
    status: UNCERTAIN,
  };
}

/**
 * A card resting on uncertain findings of every list, for an uncertain myeloma diagnosis, and
 * not lowered: a card at info, or one a site set to info. Only the lowering flags change.
 */
function notLowered(): CardView {
  return {
    ...plainSummaryView(),
    findingStatus: UNCERTAIN,
    myelomaStatus: UNCERTAIN,
    myelomaUncertain: true,
    hasFindings: true,
    findings: [markedFinding(true), markedFinding(false)],
    textOnly: [
      {
        text: MARKS.textOnly,
        uncertain: true,
        uncoded: true,
        statusUnreadable: false,
        status: UNCERTAIN,
      },
    ],
    reported: [
      {
        finding: MARKS.reported,
        sites: MARKS.reported,
        hasSites: true,
        reports: [{ label: 'report', date: '2026-01-01' }],
        label: 'report',
        date: '2026-01-01',
        refutedOnly: false,
        citedNotAsFinding: false,
        citingNames: '',
      },
    ],
    hasRefutedReported: false,
    hasCitedNotAsFinding: false,
  };
}

/** The same card lowered one level for `cause`, and not held at info (rule-outcome.ts). */
function loweredFor(cause: Cause): CardView {
  const finding = cause !== 'myeloma';
  const myeloma = cause !== 'finding';
  return {
    ...notLowered(),
    lowered: true,
    loweredFinding: finding,
    loweredMyeloma: myeloma,
    loweredBoth: finding && myeloma,
  };
}
