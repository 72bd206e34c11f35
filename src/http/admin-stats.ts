/** GET /admin/stats: alert analytics for informatics teams, behind the admin credential. */
import type { Express } from 'express';
import type { AuditDeps } from '../cds/call-audit.js';
import { ServiceError } from '../errors.js';
import { statsReport } from '../store/stats-report.js';
import { statsPeriod } from '../store/stats-period.js';
import { isAdmin, refuseAdmin } from './admin.js';

export function serveStats(
  app: Express,
  deps: { audit: AuditDeps | undefined; adminToken: string | undefined; clock: () => Date },
): void {
  app.get('/admin/stats', async (req, res) => {
    if (!deps.audit || !deps.adminToken)
      throw new ServiceError('unknown-route', [
        {
          severity: 'error',
          code: 'not-found',
          diagnostics: 'statistics are not enabled (set EMD_CDS_ADMIN_TOKEN)',
        },
      ]);
    if (!isAdmin(req.headers.authorization, deps.adminToken)) {
      refuseAdmin(res);
      return;
    }
    const period = statsPeriod(req.query.from, req.query.to, deps.clock());
    res.json(await statsReport(deps.audit.store, period, deps.audit.calls));
  });
}
