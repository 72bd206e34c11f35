/**
 * GET /readyz as the console keeps it: the node's status, its spool depth, the configuration in
 * force, and each reason it gives for being degraded, read from the answer's fields
 * (src/http/readiness.ts) rather than from its words, which are for monitors.
 */
import type { ReadinessReport } from './types.js';

/** One reason /readyz gives for being degraded. */
export type DegradedReason =
  | { kind: 'audit store down' }
  | { kind: 'shared state down' }
  | { kind: 'config reload refused'; at: string }
  /** How many: /readyz is open, so it names none (the Rules view's config answer does). */
  | { kind: 'restart needed'; count: number }
  /** A cluster node runs fewer workers than configured: less capacity, some worker failing. */
  | { kind: 'workers short'; serving: number; wanted: number }
  /** A reason this console has no words for: /readyz's own. */
  | { kind: 'other'; words: string };

/** What the console keeps of /readyz: `unreachable` when the call failed or was not /readyz. */
export interface NodeHealth {
  status: ReadinessReport['status'] | 'unreachable';
  /** Audit records waiting in this node's spool; undefined for a node without a store. */
  auditSpooled: number | undefined;
  /** The configuration in force: after a refused reload, the previous one. */
  configHash: string | undefined;
  reasons: readonly DegradedReason[];
  checkedAt: string;
}

const STATUSES: readonly ReadinessReport['status'][] = [
  'ready',
  'degraded',
  'cannot record audit',
  'shutting down',
];

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/** `workersShort` of a /readyz answer, when it holds two counts. */
function workersShortOf(value: unknown): DegradedReason[] {
  if (typeof value !== 'object' || value === null) return [];
  const { serving, wanted } = value as Record<string, unknown>;
  if (typeof serving !== 'number' || typeof wanted !== 'number') return [];
  return [{ kind: 'workers short', serving, wanted }];
}

/** The reasons in a /readyz answer, from its fields; its words only when no field is known. */
function reasonsOf(body: Record<string, unknown>): DegradedReason[] {
  const known: DegradedReason[] = [
    ...(body.auditStoreDown === true ? [{ kind: 'audit store down' } as const] : []),
    ...(body.sharedStateDown === true ? [{ kind: 'shared state down' } as const] : []),
    ...(typeof body.configReloadRefusedAt === 'string'
      ? [{ kind: 'config reload refused', at: body.configReloadRefusedAt } as const]
      : []),
    ...(typeof body.restartNeeded === 'number' && body.restartNeeded > 0
      ? [{ kind: 'restart needed', count: body.restartNeeded } as const]
      : []),
    ...workersShortOf(body.workersShort),
  ];
  if (known.length > 0) return known;
  return strings(body.degraded).map((words) => ({ kind: 'other', words }));
}

/** A /readyz answer (any JSON) as the console keeps it. */
export function nodeHealthFrom(body: unknown, checkedAt: string): NodeHealth {
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  return {
    status: STATUSES.find((s) => s === fields.status) ?? 'unreachable',
    auditSpooled: typeof fields.auditSpooled === 'number' ? fields.auditSpooled : undefined,
    configHash: typeof fields.configHash === 'string' ? fields.configHash : undefined,
    reasons: reasonsOf(fields),
    checkedAt,
  };
}

/** GET /readyz on the console's own origin: public (the balancer's probe), so no token. */
export async function readNodeHealth(): Promise<NodeHealth> {
  const checkedAt = new Date().toISOString();
  try {
    // 503 while shutting down or unable to record audit still carries a body worth reading.
    // Cast: Node's RequestInit (the unit tests compile this too) has no `cache`.
    const init = { cache: 'no-store' } as RequestInit;
    const body: unknown = await (await fetch('/readyz', init)).json();
    return nodeHealthFrom(body, checkedAt);
  } catch {
    return nodeHealthFrom(undefined, checkedAt);
  }
}
