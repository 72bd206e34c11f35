/** Builders for store records: valid by default, each field overridable. */
import type { CardAuditRecord, FeedbackRecord } from '../../src/store/store.js';

/**
 * A card of its own hook call by default: each card uuid gets a hookInstance of its own, as
 * an EHR sends a new one per call (the cards of one hookInstance are one card in the stats).
 */
export function card(overrides: Partial<CardAuditRecord> = {}): CardAuditRecord {
  const cardUuid = overrides.cardUuid ?? 'card-1';
  return {
    cardUuid,
    ruleId: 'emd-cns',
    serviceId: 'emd-patient-view',
    hook: 'patient-view',
    hookInstance: `hook-instance-of-${cardUuid}`,
    indicator: 'warning',
    servedAt: '2026-03-01T10:00:00.000Z',
    configHash: 'config-hash-1',
    patientKey: 'patient-key-1',
    evidenceKeys: ['evidence-key-1', 'evidence-key-2'],
    clientKey: '',
    ...overrides,
  };
}

export function feedback(overrides: Partial<FeedbackRecord> = {}): FeedbackRecord {
  return {
    cardUuid: 'card-1',
    serviceId: 'emd-patient-view',
    outcome: 'accepted',
    acceptedSuggestions: [],
    overrideReasonSystem: undefined,
    overrideReasonCode: undefined,
    userComment: undefined,
    outcomeTimestamp: '2026-03-01T10:05:00Z',
    receivedAt: '2026-03-01T10:05:01.000Z',
    clientKey: '',
    ...overrides,
  };
}

export function override(
  cardUuid: string,
  outcomeTimestamp: string,
  reason?: { system: string; code: string },
): FeedbackRecord {
  return feedback({
    cardUuid,
    outcome: 'overridden',
    outcomeTimestamp,
    overrideReasonSystem: reason?.system,
    overrideReasonCode: reason?.code,
  });
}
