/**
 * The balancer's and the orchestrator's probes: GET /healthz (the process answers) and
 * GET /readyz (send it calls). A degraded node is still ready, since it serves alerts
 * (issue #16); a node shutting down is not, so the balancer stops sending before it closes.
 */
import type { Express } from 'express';
import type { ServiceSettings } from '../cds/service-settings.js';
import type { AuditHealth } from '../store/spooled-store.js';

/** What /readyz reports as degraded (issue #16): the audit spool, the shared state, a refused reload. */
export interface NodeHealth {
  audit: AuditHealth | undefined;
  sharedStateDown: boolean;
  /** When the last reload of the config file was refused, if none has succeeded since. */
  configReloadRefusedAt?: string | undefined;
}

export interface HealthProbeDeps {
  /** The settings in force: /readyz shows their configHash. */
  settings: () => ServiceSettings;
  health?: () => NodeHealth;
  /** True once shutdown has begun: /readyz then answers 503. */
  isShuttingDown: () => boolean;
}

export function serveHealthProbes(app: Express, deps: HealthProbeDeps): void {
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', (_req, res) => {
    if (deps.isShuttingDown()) {
      res.status(503).json({ status: 'shutting down' });
      return;
    }
    // Degraded is still ready: the node serves alerts (issue #16), so the balancer keeps it.
    const health = deps.health?.();
    const degraded = [
      ...(health?.audit?.degraded ? ['audit store unavailable: cards are spooled locally'] : []),
      ...(health?.sharedStateDown ? ['shared state unavailable: replay guard is node-local'] : []),
      // The message only: the reason (file, line, key) is in the log, not on an open endpoint.
      ...(health?.configReloadRefusedAt
        ? [
            `configuration reload refused at ${health.configReloadRefusedAt}: the previous configuration is in force (see the log)`,
          ]
        : []),
    ];
    res.json({
      status: degraded.length > 0 ? 'degraded' : 'ready',
      configHash: deps.settings().configHash,
      ...(health?.audit ? { auditSpooled: health.audit.spooled } : {}),
      ...(degraded.length > 0 ? { degraded } : {}),
    });
  });
}
