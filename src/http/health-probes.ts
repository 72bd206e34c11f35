/**
 * The balancer's and the orchestrator's probes: GET /healthz (the process answers) and
 * GET /readyz (send it calls). A degraded node is still ready, since it serves alerts
 * (issue #16); a node shutting down is not, so the balancer stops sending before it closes,
 * and nor is a node that can record its audit nowhere, as it serves no cards.
 */
import type { Express } from 'express';
import type { ServiceSettings } from '../cds/service-settings.js';
import {
  CANNOT_RECORD,
  degradedReasons,
  type NodeHealth,
  type ReadinessReport,
} from './readiness.js';

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
      res.status(503).json({ status: 'shutting down' } satisfies ReadinessReport);
      return;
    }
    const health = deps.health?.();
    const reasons = degradedReasons(health);
    const body = {
      configHash: deps.settings().configHash,
      ...(health?.audit ? { auditSpooled: health.audit.spooled } : {}),
      ...reasons,
    };
    // Every card is audited before it is served (issue #7): a node that can record its audit
    // nowhere serves nothing, so the balancer must send its calls elsewhere.
    if (health?.audit?.cannotRecord) {
      res.status(503).json({
        status: 'cannot record audit',
        ...body,
        notReady: [CANNOT_RECORD],
      } satisfies ReadinessReport);
      return;
    }
    // Degraded is still ready: the node serves alerts (issue #16), so the balancer keeps it.
    res.json({
      status: reasons.degraded ? 'degraded' : 'ready',
      ...body,
    } satisfies ReadinessReport);
  });
}
