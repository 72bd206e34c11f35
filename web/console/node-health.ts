/**
 * This node's health as its /readyz says it (issue #16): while the audit database is down
 * the node still serves cards and spools each audit record locally, and /readyz answers
 * 200 "degraded" with the spool depth. An operator looking at the console must see that on
 * every tab, not only in /metrics: the spooled records exist on this host's disk only until
 * the database is back, so this node must not be wiped or replaced meanwhile.
 */
import { html, type TemplateResult } from 'lit';
import { fillIn, type MessageKey } from './i18n.js';

type Messages = Record<MessageKey, string>;

/**
 * What the console keeps of /readyz (src/http/app.ts builds it inline): `unreachable` when
 * the call failed or the answer was not /readyz's.
 */
export interface NodeHealth {
  status: 'ready' | 'degraded' | 'shutting down' | 'unreachable';
  /** Audit records waiting in this node's spool; undefined for a node without a store. */
  auditSpooled: number | undefined;
  checkedAt: string;
}

const STATUSES: readonly NodeHealth['status'][] = ['ready', 'degraded', 'shutting down'];

/** GET /readyz on the console's own origin: public (the balancer's probe), so no token. */
export async function readNodeHealth(): Promise<NodeHealth> {
  const checkedAt = new Date().toISOString();
  try {
    // 503 while shutting down still carries a body worth reading.
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

/**
 * The banner above the views while this node is degraded; nothing otherwise. role=status:
 * announced by screen readers without taking the focus from the work under way.
 */
export function healthBanner(t: Messages, health: NodeHealth | undefined): TemplateResult {
  if (health?.status !== 'degraded') return html``;
  return html`<div class="health-banner" role="status" data-testid="health-banner">
    <strong>${t.auditDown}</strong>
    ${fillIn(t.auditSpooledWillReplay, { n: health.auditSpooled ?? 0 })}
  </div>`;
}

const STATUS_TEXT: Record<NodeHealth['status'], MessageKey> = {
  ready: 'nodeReady',
  degraded: 'nodeDegraded',
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
