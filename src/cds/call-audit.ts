/**
 * What one hook call does with the audit store (issues #7, #14, #17): the patient's
 * pseudonymous key, the suppression of cards a clinician overrode, the record of the cards
 * (served and silent) before the answer leaves, and the count of calls, and of the cards
 * suppression hid, for the stats (in memory, added every few seconds: ../store/call-tally.ts). Kept
 * apart so src/cds/hook-service.ts reads as the call itself. No store (a dry run, the CLI):
 * nothing is suppressed or recorded.
 */
import type { ServiceSettings } from './service-settings.js';
import type { RuleOutcome } from '../rules/rule-outcome.js';
import type { CallTally } from '../store/call-tally.js';
import { clientKeyOf, type Store } from '../store/store.js';
import { auditCards } from './audit-cards.js';
import { ruleIdOf } from './cards/build-card.js';
import { rememberingPseudonyms, type Pseudonymise } from './pseudonyms.js';
import type { Card } from './response-schema.js';
import type { ServiceDefinition } from './service-definition.js';
import { suppressOverridden } from './suppression.js';

/** Where cards are audited and overrides looked up; `calls` counts hook calls (issue #17). */
export interface AuditDeps {
  store: Store;
  pseudonymise: Pseudonymise;
  calls?: CallTally | undefined;
}

export interface CallAudit {
  /** The live outcomes after suppression; silent ones pass untouched (they were never shown). */
  suppress(outcomes: readonly RuleOutcome[]): Promise<RuleOutcome[]>;
  /**
   * Records the cards served and silent (committed, or spooled), and counts the call with the
   * cards suppression hid (their rule and level only: they are not audited).
   */
  record(cards: {
    served: readonly Card[];
    silent: readonly Card[];
    suppressed: readonly Card[];
  }): Promise<void>;
}

export function callAudit(
  audit: AuditDeps,
  call: {
    settings: ServiceSettings;
    service: ServiceDefinition;
    hookInstance: string;
    patientId: string;
    now: Date;
    caller?: { iss: string; tenant: string | undefined } | undefined;
  },
): CallAudit {
  const { settings } = call;
  // The call's cards cite the same resources again and again: each is hashed once.
  const pseudonymise = rememberingPseudonyms(audit.pseudonymise);
  const patientKey = pseudonymise(`Patient/${call.patientId}`);
  // Cards are recorded for, and overrides looked up within, the calling client: its patient
  // ids are its own (H75). '' without authentication: every call is one client.
  const clientKey = clientKeyOf(call.caller);
  return {
    async suppress(outcomes) {
      const live = outcomes.filter((outcome) => !settings.silentRules.has(outcome.ruleId));
      const suppressed = await suppressOverridden(live, {
        settings: settings.suppression,
        store: audit.store,
        patientKey,
        clientKey,
        pseudonymise,
        now: call.now,
      });
      // suppressOverridden answers one outcome for each it is given, in order.
      let next = 0;
      return outcomes.map((outcome) =>
        settings.silentRules.has(outcome.ruleId) ? outcome : (suppressed[next++] ?? outcome),
      );
    },
    async record(cards) {
      await auditCards(cards, {
        service: call.service,
        hookInstance: call.hookInstance,
        patientKey,
        audit: { store: audit.store, pseudonymise },
        now: call.now,
        configHash: settings.configHash,
        clientKey,
      });
      audit.calls?.count(
        call.service.id,
        call.now,
        cards.suppressed.map((card) => ({ ruleId: ruleIdOf(card), indicator: card.indicator })),
      );
    },
  };
}
