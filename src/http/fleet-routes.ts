/**
 * GET /admin/nodes (issue #16): the nodes sharing this store database, with their
 * heartbeat status and what differs from the rest of the fleet; behind the admin token.
 * /admin/instances answers the same list under the name the issue gave it.
 */
import type { Express } from 'express';
import { ServiceError } from '../errors.js';
import type { FleetNode } from '../store/fleet-view.js';
import { isAdmin, refuseAdmin } from './admin.js';

export function serveFleetView(
  app: Express,
  adminToken: string | undefined,
  fleet: (() => Promise<FleetNode[]>) | undefined,
): void {
  for (const [path, key] of [
    ['/admin/nodes', 'nodes'],
    ['/admin/instances', 'instances'],
  ] as const) {
    app.get(path, async (req, res) => {
      if (!fleet || !adminToken)
        throw new ServiceError('unknown-route', [
          {
            severity: 'error',
            code: 'not-found',
            diagnostics: 'the fleet view is not enabled (set EMD_CDS_ADMIN_TOKEN)',
          },
        ]);
      if (!isAdmin(req.headers.authorization, adminToken)) {
        refuseAdmin(res);
        return;
      }
      const nodes = await fleet().catch((error: unknown) => {
        throw new ServiceError(
          'unavailable',
          [
            {
              severity: 'error',
              code: 'transient',
              diagnostics: 'the store database does not answer',
            },
          ],
          { cause: error },
        );
      });
      res.json({ [key]: nodes });
    });
  }
}
