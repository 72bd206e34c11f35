/**
 * This node's health as its /readyz says it (issue #16): while the audit database is down
 * the node still serves cards and spools each audit record locally, and /readyz answers
 * 200 "degraded" with the spool depth. An operator looking at the console must see that on
 * every tab, not only in /metrics: the spooled records exist on this host's disk only until
 * the database is back, so this node must not be wiped or replaced meanwhile. When the spool
 * cannot be written either, /readyz answers 503 "cannot record audit": the node serves no
 * cards at all, which the banner says more loudly, with what to check.
 */
import { html, type TemplateResult } from 'lit';
import { fillIn, type MessageKey } from './i18n.js';

type Messages = Record<MessageKey, string>;

/**
 * What the console keeps of /readyz (src/http/app.ts builds it inline): `unreachable` when
 * the call failed or the answer was not /readyz's.
 */
export interface NodeHealth {
  status: 'ready' | 'degraded' | 'cannot record audit' | 'shutting down' | 'unreachable';
  /** Audit records waiting in this node's spool; undefined for a node without a store. */
  auditSpooled: number | undefined;
  checkedAt: string;
}

const STATUSES: readonly NodeHealth['status'][] = [
  'ready',
  'degraded',
  'cannot record audit',
  'shutting down',
];

/** GET /readyz on the console's own origin: public (the balancer's probe), so no token. */
export async function readNodeHealth(): Promise<NodeHealth> {
  const checkedAt = new Date().toISOString();
  try {
    // 503 while shutting down or unable to record audit still carries a body worth reading.
    const body = (await (await fetch('/readyz', { cache: 'no-store' })).json()) as {
      status?: unknown;
      auditSpooled?: unknown;
    };
    const status = STATUSES.find((s) => s === body.status) ?? 'unreachable';
    const auditSpooled = typeof body.auditSpooled === 'number' ? body.auditSpooled : undefined;
    return { status, auditSpooled, checkedAt };
  } catch {
    return { status: 'unreachable', auditSpooled: undefined, checkedAt };
  }
}

/** The banner's words for each state that has one. */
const BANNERS: Partial<Record<NodeHealth['status'], { head: MessageKey; body: MessageKey }>> = {
  degraded: { head: 'auditDown', body: 'auditSpooledWillReplay' },
  'cannot record audit': { head: 'auditCannotRecord', body: 'auditCannotRecordNoCards' },
};

/**
 * The banner above the views while this node is degraded or cannot record audit; nothing
 * otherwise. role=status: announced by screen readers without taking the focus from the
 * work under way.
 */
export function healthBanner(t: Messages, health: NodeHealth | undefined): TemplateResult {
  const words = health && BANNERS[health.status];
  if (!health || !words) return html``;
  const critical = health.status === 'cannot record audit';
  return html`<div
    class="health-banner${critical ? ' critical' : ''}"
    role="status"
    data-testid="health-banner"
  >
    <strong>${t[words.head]}</strong>
    ${fillIn(t[words.body], { n: health.auditSpooled ?? 0 })}
  </div>`;
}

const STATUS_TEXT: Record<NodeHealth['status'], MessageKey> = {
  ready: 'nodeReady',
  degraded: 'nodeDegraded',
  'cannot record audit': 'nodeCannotRecord',
  'shutting down': 'nodeShuttingDown',
  unreachable: 'nodeUnreachable',
};

/** The Fleet view's "This node" line: its readiness and spool depth, as of the last check. */
export function thisNodeLine(t: Messages, health: NodeHealth | undefined): TemplateResult {
  if (!health) return html``;
  return html`<p data-testid="this-node">
    <strong>${t.thisNode}</strong> ${t[STATUS_TEXT[health.status]]}${
      health.auditSpooled === undefined
        ? ''
        : html` · ${fillIn(t.spoolDepth, { n: health.auditSpooled })}`
    }
    <span class="muted"
      >(${t.asOf} <time datetime=${health.checkedAt}>${health.checkedAt}</time>)</span
    >
  </p>`;
}
