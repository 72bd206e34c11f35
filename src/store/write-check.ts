/**
 * The audit store's write check (./audit-recording.ts): a card audit row of a large record's
 * size, inserted and deleted again in one committed transaction, as the spool's check is
 * (./audit-spool.ts). The store has then written and committed (a full disk or a database
 * that is down refuses it), and no row is left for the statistics to count, nor visible to
 * any other reader while it lasted.
 */
import { randomUUID } from 'node:crypto';
import type { CardAuditRecord } from './store.js';

export const DELETE_CHECK_CARD_SQL = 'DELETE FROM card_audit WHERE card_uuid = ?';

/** A record of an audit record's size: on a nearly full disk a tiny write could pass where a call's do not. */
export function writeCheckCard(): CardAuditRecord {
  return {
    cardUuid: `write-check-${randomUUID()}`,
    ruleId: 'write-check',
    serviceId: 'write-check',
    hook: 'write-check',
    hookInstance: randomUUID(),
    indicator: 'info',
    servedAt: new Date().toISOString(),
    configHash: 'write-check',
    patientKey: 'write-check',
    evidenceKeys: Array.from({ length: 32 }, () => 'x'.repeat(64)),
    clientKey: '',
  };
}
