/**
 * Rule outcomes → CDS Hooks cards (rules page §4). One card per fired rule; wording from the
 * locale's templates; record text escaped; the extension says exactly why the card exists.
 */
import type { PatientFacts } from '../../rules/patient-facts.js';
import type { RuleOutcome } from '../../rules/rule-outcome.js';
import type { Terminology } from '../../rules/terminology.js';
import { INDICATORS, type RuleId } from '../../rules/types.js';
import type { Card } from '../response-schema.js';
import { buildCardView } from './card-view.js';
import type { ConceptLabels } from '../../rules/concept-labels.js';
import { localNames, type LocalNames } from '../../rules/local-names.js';
import { escapeMarkdown, plainText } from './markdown.js';
import { buildSuggestions } from './suggestions.js';
import { templateWriter } from './template-writer.js';
import { SUMMARY_MAX_LENGTH, type Wording } from './wording.js';
import { withoutTrailing } from '../../rules/text-end.js';

/** Reverse-domain extension keys on every card (CDS Hooks 2.0 §Extensions). */
export const CARD_EXTENSION = {
  ruleId: 'org.emd-cds.rule-id',
  evidence: 'org.emd-cds.evidence',
  serviceVersion: 'org.emd-cds.service-version',
  configHash: 'org.emd-cds.config-hash',
  phase: 'org.emd-cds.phase',
  lowered: 'org.emd-cds.lowered',
} as const;

export interface CardSettings {
  /** The review every card cites (rules page, header). */
  sourceUrl: string;
  /** Clinical-trial registry search; part of every EMD and CNS card (rules page §1). */
  trialsUrl: string | undefined;
  /** The institution's myeloma pathway, if it has one. */
  pathwayUrl: string | undefined;
  /** SMART launch URL of the EMD timeline app (issue #9); the EHR adds iss and launch. */
  timelineUrl: string | undefined;
  overrideReasonSystem: string;
  /** Override reason codes offered on every card; displays come from the wording. */
  overrideReasonCodes: readonly string[];
  /** Value sets' names for their concepts by language (designations), indexed at load. */
  conceptLabels: ConceptLabels;
}

export interface CardContext {
  wording: Wording;
  terminology: Terminology;
  patientId: string;
  settings: CardSettings;
  lookbackDays: number;
  serviceVersion: string;
  configHash: string;
  newUuid: () => string;
}

/**
 * The EMD and CNS cards: they carry the trial and pathway links (rules page §1, §4) and the
 * timeline app's smart link. Each rests on an active emd, cns or leptomeningeal finding (or,
 * for emd-cns-imaging-review, a relapse), so the timeline has something to show.
 */
const LINKED_RULES: ReadonlySet<RuleId> = new Set([
  'emd-leptomeningeal',
  'emd-cns',
  'emd-soft-tissue',
  'emd-cns-imaging-review',
  'emd-imaging-order',
]);

export function buildCards(
  outcomes: readonly RuleOutcome[],
  facts: PatientFacts,
  context: CardContext,
): Card[] {
  const severity = (card: Card) => INDICATORS.indexOf(card.indicator);
  // The card language's names for record concepts: the same for every card of the call.
  const names = localNames(
    context.settings.conceptLabels,
    context.terminology,
    context.wording.locale,
  );
  return outcomes
    .filter((outcome) => outcome.fired)
    .map((outcome) => buildCard(outcome, facts, context, names))
    .sort((a, b) => severity(b) - severity(a));
}

/** The rule a card (built here) is for. */
export function ruleIdOf(card: Card): RuleId {
  return card.extension?.[CARD_EXTENSION.ruleId] as RuleId;
}

function buildCard(
  outcome: RuleOutcome,
  facts: PatientFacts,
  context: CardContext,
  names: LocalNames,
): Card {
  const { wording, settings } = context;
  const templates = wording.rules[outcome.ruleId];
  const view = buildCardView(outcome, facts, wording, {
    lookbackDays: context.lookbackDays,
    names,
  });
  const mustache = templateWriter(wording);
  const summary = plainText(
    mustache.render(templates.summary, view, wording.partials, {
      escape: (value: unknown) => plainText(String(value)),
    }),
  );
  const detail = tidy(
    mustache.render(templates.detail, view, wording.partials, {
      escape: (value: unknown) => escapeMarkdown(String(value)),
    }),
  );
  const suggestions = buildSuggestions(outcome, { ...context, reportedViews: view.reported });
  const overrideReasons = settings.overrideReasonCodes.flatMap((code) => {
    const display = wording.overrideReasons[code];
    return display ? [{ code, system: settings.overrideReasonSystem, display }] : [];
  });
  const links = LINKED_RULES.has(outcome.ruleId)
    ? [
        ...(settings.trialsUrl
          ? [
              {
                label: wording.linkLabels.trials,
                url: settings.trialsUrl,
                type: 'absolute' as const,
              },
            ]
          : []),
        ...(settings.pathwayUrl
          ? [
              {
                label: wording.linkLabels.pathway,
                url: settings.pathwayUrl,
                type: 'absolute' as const,
              },
            ]
          : []),
        // CDS Hooks 2.0 §Link: a smart link is launched by the EHR with iss and launch added.
        ...(settings.timelineUrl
          ? [
              {
                label: wording.linkLabels.timeline,
                url: settings.timelineUrl,
                type: 'smart' as const,
              },
            ]
          : []),
      ]
    : [];
  return {
    uuid: context.newUuid(),
    // Templates are checked at load; this only guards against record text a template could embed.
    summary:
      summary.length > SUMMARY_MAX_LENGTH
        ? `${summary.slice(0, SUMMARY_MAX_LENGTH - 1)}…`
        : summary,
    indicator: outcome.indicator ?? 'info',
    source: { label: wording.sourceLabel, url: settings.sourceUrl },
    ...(detail ? { detail } : {}),
    ...(suggestions.length > 0 ? { suggestions, selectionBehavior: 'any' as const } : {}),
    ...(overrideReasons.length > 0 ? { overrideReasons } : {}),
    ...(links.length > 0 ? { links } : {}),
    extension: {
      [CARD_EXTENSION.ruleId]: outcome.ruleId,
      [CARD_EXTENSION.evidence]: outcome.evidence,
      [CARD_EXTENSION.serviceVersion]: context.serviceVersion,
      [CARD_EXTENSION.configHash]: context.configHash,
      [CARD_EXTENSION.phase]: facts.phase.phase,
      // Lowering reasons, then why the card is information only (issue #13), if either.
      ...(outcome.lowering.length + outcome.holds.length > 0
        ? { [CARD_EXTENSION.lowered]: [...outcome.lowering, ...outcome.holds] }
        : {}),
    },
  };
}

/**
 * Templates leave blank lines where optional blocks are empty; keep at most one, and no
 * spaces at line ends. Line by line, not `/[ \t]+\n/g`: record text is request data, and
 * that pattern costs the square of a long run of spaces (issue #19).
 */
function tidy(markdown: string): string {
  const kept: string[] = [];
  for (const line of markdown.split('\n')) {
    const trimmed = withoutTrailing(line, isBlank);
    if (trimmed === '' && kept.length > 0 && kept.at(-1) === '') continue;
    kept.push(trimmed);
  }
  return kept.join('\n').trim();
}

/** What tidy() strips from line ends: spaces and tabs, as the old `/[ \t]+\n/` did. */
const isBlank = (code: number): boolean => code === SPACE || code === TAB;
const SPACE = 32;
const TAB = 9;
