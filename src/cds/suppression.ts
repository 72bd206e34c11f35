/**
 * Alert-fatigue suppression (configurable per rule): a card a clinician overrode for this
 * patient is not shown again for N days unless its evidence changed (a new finding
 * reference), and only for the client that overrode it: patient ids are unique within one
 * EHR (issuer and tenant) only (H75). Critical cards are never suppressed unless the
 * configuration says so explicitly. Every decision is written into the rule's explain trace.
 */
import type { RuleOutcome } from '../rules/rule-outcome.js';
import type { RuleId } from '../rules/types.js';
import type { Store } from '../store/store.js';
import type { Pseudonymise } from './pseudonyms.js';
import { daysBefore } from '../rules/time.js';
import { isAfterClock } from './feedback-schema.js';

export interface SuppressionSetting {
  days: number;
  includeCritical: boolean;
}

export async function suppressOverridden(
  outcomes: readonly RuleOutcome[],
  deps: {
    settings: Readonly<Partial<Record<RuleId, SuppressionSetting>>>;
    store: Store;
    patientKey: string;
    /** The calling client (clientKeyOf): only its own overrides of its own cards count. */
    clientKey: string;
    pseudonymise: Pseudonymise;
    now: Date;
  },
): Promise<RuleOutcome[]> {
  return Promise.all(
    outcomes.map(async (outcome) => {
      const setting = deps.settings[outcome.ruleId];
      if (!outcome.fired || !setting || setting.days <= 0) return outcome;
      if (outcome.indicator === 'critical' && !setting.includeCritical) {
        return {
          ...outcome,
          explain: [
            ...outcome.explain,
            'not suppressed: critical cards are never suppressed unless the configuration says so',
          ],
        };
      }
      const since = daysBefore(deps.now, setting.days).toISOString();
      let override: Awaited<ReturnType<Store['lastOverride']>>;
      try {
        override = await deps.store.lastOverride(
          outcome.ruleId,
          deps.patientKey,
          deps.clientKey,
          since,
        );
      } catch {
        // The audit store is down (issue #16): showing an overridden card again is safe,
        // hiding one that should be shown is not.
        return {
          ...outcome,
          explain: [
            ...outcome.explain,
            'not suppressed: earlier overrides could not be read (audit store unavailable)',
          ],
        };
      }
      if (!override) return outcome;
      // Feedback dated in the future is refused (./feedback.ts); one stored before that
      // check, or by another path, must not hide the card until its date.
      if (isAfterClock(override.overriddenAt, deps.now)) {
        return {
          ...outcome,
          explain: [
            ...outcome.explain,
            `not suppressed: its latest override is dated ${override.overriddenAt}, after now`,
          ],
        };
      }
      const seen = new Set(override.evidenceKeys);
      const newEvidence = outcome.evidence.filter(
        (reference) => !seen.has(deps.pseudonymise(reference)),
      );
      if (newEvidence.length > 0) {
        return {
          ...outcome,
          explain: [
            ...outcome.explain,
            `not suppressed: overridden on ${override.overriddenAt}, but ${newEvidence.join(', ')} is new evidence since`,
          ],
        };
      }
      return {
        ...outcome,
        fired: false,
        indicator: undefined,
        explain: [
          ...outcome.explain,
          `suppressed: overridden on ${override.overriddenAt} (within ${String(setting.days)} days) and its evidence has not changed`,
        ],
      };
    }),
  );
}
