/**
 * The audit of served cards (issue #7): every card is recorded, with the client that
 * received it (issue #14), before the answer leaves; no store, no cards. A silent rule's
 * cards (issue #17) are recorded in the same commit, marked silent: built, never served.
 */
import { ServiceError } from '../errors.js';
import type { CardAuditRecord, CardOffer, Store } from '../store/store.js';
import { CARD_EXTENSION, ruleIdOf } from './cards/build-card.js';
import type { Pseudonymise } from './pseudonyms.js';
import type { Card } from './response-schema.js';
import type { ServiceDefinition } from './service-definition.js';

/** What the card offered, so its feedback can be checked against it (./feedback-check.ts). */
function offerOf(card: Card): CardOffer {
  return {
    suggestions: (card.suggestions ?? []).flatMap((s) => (s.uuid === undefined ? [] : [s.uuid])),
    overrideReasons: (card.overrideReasons ?? []).map(({ system, code }) => ({ system, code })),
  };
}

/** Issue #7: every card served is recorded before the answer leaves; no store, no cards. */
export async function auditCards(
  cards: { served: readonly Card[]; silent: readonly Card[] },
  context: {
    service: ServiceDefinition;
    hookInstance: string;
    patientKey: string;
    audit: { store: Store; pseudonymise: Pseudonymise };
    now: Date;
    configHash: string;
    clientKey: string;
  },
): Promise<void> {
  if (cards.served.length === 0 && cards.silent.length === 0) return;
  const servedAt = context.now.toISOString();
  const recordOf = (card: Card, silent: boolean): CardAuditRecord => ({
    cardUuid: card.uuid,
    ruleId: ruleIdOf(card),
    serviceId: context.service.id,
    hook: context.service.hook,
    hookInstance: context.hookInstance,
    indicator: card.indicator,
    servedAt,
    configHash: context.configHash,
    patientKey: context.patientKey,
    evidenceKeys: ((card.extension?.[CARD_EXTENSION.evidence] as string[] | undefined) ?? []).map(
      context.audit.pseudonymise,
    ),
    clientKey: context.clientKey,
    ...(silent ? { silent } : {}),
    offered: offerOf(card),
  });
  try {
    await context.audit.store.recordCards([
      ...cards.served.map((card) => recordOf(card, false)),
      ...cards.silent.map((card) => recordOf(card, true)),
    ]);
  } catch (error) {
    throw new ServiceError(
      'unavailable',
      [
        {
          severity: 'error',
          code: 'transient',
          diagnostics:
            'neither the audit store nor the local audit spool can record cards; no cards were served',
        },
      ],
      { cause: error },
    );
  }
}
