/**
 * The informatics console's API (issue #9), under /admin and behind the admin credential:
 * the running configuration (read-only), the example patients, a dry run, and the per-day
 * alert series. Everything it answers is built in src/config/ and src/cds/.
 */
import { Router, type RequestHandler } from 'express';
import type { ServiceSettings } from '../cds/service-settings.js';
import { configView, type StartOnlyInForce } from '../config/config-view.js';
import { configStanding, type ConfigAnswer } from '../config/config-standing.js';
import type { ReloadRefusal } from '../config/reload-refusal.js';
import { listExamplePatients, readExamplePatient } from '../config/example-patients.js';
import { dryRun } from '../cds/dry-run-request.js';
import type { Store } from '../store/store.js';
import { ServiceError } from '../errors.js';
import { statsPeriod } from '../store/stats-period.js';
import { isAdmin, refuseAdmin } from './admin.js';
import { jsonBody } from './json-body.js';
import { requireJson } from './require-json.js';

export interface ConsoleApiDeps {
  settings: () => ServiceSettings;
  clock: () => Date;
  adminToken: string | undefined;
  store: Store | undefined;
  /** FHIR servers the service may read; the console offers the first for a SMART launch. */
  allowedFhirServers: readonly string[];
  /** The start-only keys waiting for a restart (src/config/settings-store.ts). */
  restartNeededFor: () => readonly string[];
  /** The last refused reload, if none has succeeded since (src/config/settings-store.ts). */
  reloadRefused: () => ReloadRefusal | undefined;
  /** The start-only settings the node runs with (src/config/start-only-view.ts). */
  startOnly?: StartOnlyInForce | undefined;
  /** BODY_LIMIT: a dry run's request is read only once the admin credential is checked. */
  bodyLimit: string;
}

function notEnabled(what: string): ServiceError {
  return new ServiceError('unknown-route', [
    {
      severity: 'error',
      code: 'not-found',
      diagnostics: `${what} is not enabled (set EMD_CDS_ADMIN_TOKEN)`,
    },
  ]);
}

/** 404 while no admin token is configured; 401 (./admin.ts refuseAdmin) without the right Bearer token. */
function requireAdmin(adminToken: string | undefined): RequestHandler {
  return (req, res, next) => {
    if (!adminToken) throw notEnabled('the console API');
    if (!isAdmin(req.headers.authorization, adminToken)) {
      refuseAdmin(res);
      return;
    }
    next();
  };
}

export function consoleApi(deps: ConsoleApiDeps): Router {
  const router = Router();
  router.use(requireAdmin(deps.adminToken));

  router.get('/config', (_req, res) => {
    const settings = deps.settings();
    const answer: ConfigAnswer = {
      ...configView(settings, {
        allowedFhirServers: deps.allowedFhirServers,
        restartNeededFor: deps.restartNeededFor(),
        startOnly: deps.startOnly,
      }),
      ...configStanding(settings, deps.reloadRefused()),
    };
    res.json(answer);
  });

  router.get('/examples', (_req, res) => {
    res.json({ examples: listExamplePatients() });
  });

  router.get('/examples/:name', (req, res) => {
    const bundle = readExamplePatient(req.params.name);
    if (!bundle)
      throw new ServiceError('unknown-route', [
        {
          severity: 'error',
          code: 'not-found',
          diagnostics: 'name: no example patient of that name (GET /admin/examples lists them)',
          expression: ['name'],
        },
      ]);
    res.json(bundle);
  });

  // A dry run: the cards a hook call would get, with the explain trace; nothing is audited.
  router.post('/dry-run', jsonBody(deps.bodyLimit), async (req, res) => {
    requireJson(req);
    res.json(await dryRun(req.body, deps.settings(), deps.clock));
  });

  router.get('/stats/daily', async (req, res) => {
    if (!deps.store) throw notEnabled('statistics');
    const period = statsPeriod(req.query.from, req.query.to, deps.clock());
    res.json({
      from: period.from,
      to: period.to,
      days: await deps.store.dailyStats(period.from, period.to),
    });
  });

  return router;
}
