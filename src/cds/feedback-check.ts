/**
 * Feedback checked against the card it answers (CDS Hooks 2.0 §Feedback; docs/integrating.md
 * §4), so the acceptance and override numbers count only what the card offered:
 *
 * - `acceptedSuggestions[].id` must be the uuid of one of the card's suggestions ("the
 *   suggestion.uuid"): the spec leaves no room for others, so any other id is refused (400);
 * - feedback goes to the endpoint of the service that served the card: its token's `aud`
 *   names that service (§Trusting CDS Clients), so a card of another service is refused (400);
 * - an `overrideReason.reason` the card did not offer is kept, marked: the spec lets the
 *   client add reasons of its own ("MAY augment the override reasons"). Matched on system
 *   and code; `display` is not compared (the CDS Hooks Sandbox sends none). Only on an
 *   `overridden` item: the spec makes `overrideReason` OPTIONAL whatever the outcome, and on
 *   an `accepted` one it is kept as sent and counts for nothing (no override to count it as).
 *
 * Cards the store does not know, or recorded before it kept what they offered, are not
 * checked here (the store marks the unknown ones).
 */
import type { OutcomeIssue } from '../errors.js';
import type { CardOffer, ServedCard } from '../store/store.js';
import type { FeedbackItem } from './feedback-schema.js';

export interface FeedbackCheck {
  /** Why the request is refused; empty when it may be stored. */
  issues: OutcomeIssue[];
  /** Per item, in order: its override reason is not one the card offered. */
  reasonNotOffered: boolean[];
}

export function checkFeedbackAgainstCards(
  serviceId: string,
  items: readonly FeedbackItem[],
  servedCards: readonly ServedCard[],
): FeedbackCheck {
  const cards = new Map(servedCards.map((card) => [card.cardUuid, card]));
  const issues: OutcomeIssue[] = [];
  const reasonNotOffered = items.map((item, index) => {
    const card = cards.get(item.card);
    if (card === undefined) return false;
    if (card.serviceId !== serviceId) {
      issues.push(
        refusal(
          `feedback[${String(index)}].card`,
          `was served by the service ${card.serviceId}: send its feedback to /cds-services/${card.serviceId}/feedback`,
        ),
      );
      return false;
    }
    const { offered } = card;
    if (offered === undefined) return false;
    (item.acceptedSuggestions ?? []).forEach((suggestion, at) => {
      if (!offered.suggestions.includes(suggestion.id))
        issues.push(
          refusal(
            `feedback[${String(index)}].acceptedSuggestions[${String(at)}].id`,
            offered.suggestions.length === 0 ? noSuggestions(item.outcome) : NOT_A_SUGGESTION,
          ),
        );
    });
    const reason = item.overrideReason?.reason;
    return item.outcome === 'overridden' && reason !== undefined && !isOffered(reason, offered);
  });
  return { issues, reasonNotOffered };
}

const NOT_A_SUGGESTION = 'is not the uuid of a suggestion of this card';

/** Said of a suggestion named on a card that offered none: what to send instead. */
function noSuggestions(outcome: FeedbackItem['outcome']): string {
  return outcome === 'accepted'
    ? 'the card has no suggestions: it can only be overridden'
    : 'the card has no suggestions, so none can be named: leave acceptedSuggestions out';
}

function isOffered(reason: { system: string; code: string }, offered: CardOffer): boolean {
  return offered.overrideReasons.some((r) => r.system === reason.system && r.code === reason.code);
}

function refusal(expression: string, problem: string): OutcomeIssue {
  return {
    severity: 'error',
    code: 'invalid',
    diagnostics: `${expression}: ${problem}`,
    expression: [expression],
  };
}
