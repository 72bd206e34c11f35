/**
 * `npm run sandbox` (tools/sandbox/): the settings it runs the service with, and the service
 * it starts answering the public CDS Hooks Sandbox's PAMA order screen. The Sandbox's calls
 * are written here as its source at commit 3b7e255 builds them (cds-hooks/sandbox
 * src/components/Pama/pama.jsx `generateContext`; docs/getting-started.md §4): the study
 * picked from src/assets/pama-procedure-codes.json, whose system is
 * http://www.ama-assn.org/go/cpt, and the reasons picked (none here: an empty array).
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PATHS, PROJECT_ROOT } from '../../src/config/project-paths.js';
import { startService, type RunningService } from '../../src/service.js';
import {
  sandboxArguments,
  sandboxRefusal,
  sandboxSetup,
} from '../../tools/sandbox/sandbox-options.js';
import { capturingLogger } from '../support/logs.js';
import { testServiceEnv } from '../support/service-env.js';

const FHIR_URL = 'http://127.0.0.1:8080/fhir';
const CPT = 'http://www.ama-assn.org/go/cpt';

let service: RunningService | undefined;
afterEach(async () => {
  await service?.close();
  service = undefined;
});

/** The settings of `npm run sandbox` with the tests' environment (authentication off). */
function setup(env: Record<string, string> = {}) {
  return sandboxSetup(testServiceEnv(env), { port: 0, host: '127.0.0.1', fhirUrl: FHIR_URL });
}

/** The example patient's data, sent as the Sandbox sends what it prefetched. */
function prefetchOf(patient: string): unknown {
  const example = JSON.parse(
    readFileSync(
      join(PROJECT_ROOT, 'cds-hooks', 'examples', 'order-select', `${patient}.json`),
      'utf8',
    ),
  ) as { prefetch: unknown };
  return example.prefetch;
}

/** An order-select call as the Sandbox's PAMA screen sends it, for one CPT study. */
function pamaOrderSelect(patientId: string, code: string, display: string) {
  const studyCoding = { system: CPT, code, display };
  return {
    hookInstance: randomUUID(),
    hook: 'order-select',
    fhirServer: FHIR_URL,
    context: {
      patientId,
      userId: 'Practitioner/COREPRACTITIONER1',
      selections: ['ServiceRequest/example-request-id'],
      draftOrders: {
        resourceType: 'Bundle',
        entry: [
          {
            resource: {
              resourceType: 'ServiceRequest',
              id: 'example-request-id',
              status: 'draft',
              intent: 'plan',
              code: { coding: [studyCoding], text: display },
              subject: { reference: `Patient/${patientId}` },
              reasonCode: [],
            },
          },
        ],
      },
    },
    prefetch: prefetchOf(patientId),
  };
}

async function ruleIdsOfCall(running: RunningService, body: unknown): Promise<unknown[]> {
  const answer = await fetch(`${running.discoveryUrl}/emd-imaging-order-select`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await answer.text();
  expect(answer.status, text).toBe(200);
  const { cards } = JSON.parse(text) as { cards: { extension?: Record<string, unknown> }[] };
  return cards.map((card) => card.extension?.['org.emd-cds.rule-id']);
}

describe('npm run sandbox in a production environment', () => {
  // docs/security.md §9: NODE_ENV=production refuses a start that trusts the public Sandbox's
  // published key; the sandbox trusts it by design, so it refuses to start at all.
  it('refuses to start with NODE_ENV=production, saying why, before it listens anywhere', () => {
    const run = spawnSync(
      join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx'),
      ['tools/sandbox/main.ts', '--port', '0', '--fhir-port', '0'],
      {
        cwd: PROJECT_ROOT,
        env: { ...process.env, NODE_ENV: 'production' },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('npm run sandbox refuses to start with NODE_ENV=production');
    expect(run.stdout).not.toContain('listening');
  });

  it('starts in any other environment', () => {
    expect(sandboxRefusal({})).toBeUndefined();
    expect(sandboxRefusal({ NODE_ENV: 'development' })).toBeUndefined();
  });
});

describe('npm run sandbox: where it listens', () => {
  it('listens on 127.0.0.1 unless --host or HOST says otherwise', () => {
    expect(sandboxArguments([], {})).toEqual({ port: 3000, fhirPort: 8080, host: '127.0.0.1' });
    expect(sandboxArguments([], { HOST: '0.0.0.0', PORT: '3001' })).toMatchObject({
      host: '0.0.0.0',
      port: 3001,
    });
    expect(sandboxArguments(['--host', '::', '--fhir-port', '8081'], {})).toMatchObject({
      host: '::',
      fhirPort: 8081,
    });
    expect(setup().options.host).toBe('127.0.0.1');
  });
});

describe('npm run sandbox: its warning at start', () => {
  it('says what it trusts and why it is for local testing only', () => {
    const { warning, options } = setup();

    expect(options.auth.cdsHooksSandbox.enabled).toBe(true);
    expect(warning).toContain(
      'npm run sandbox is for local testing only, never with real patient data: it trusts JWTs signed as the public CDS Hooks Sandbox (https://sandbox.cds-hooks.org), whose private key is published',
    );
    expect(warning).toContain('It listens on 127.0.0.1 (this machine only;');
    expect(warning).toContain('  - AUTH_TRUST_CDS_HOOKS_SANDBOX: true');
    expect(warning).toContain('  - METRICS_PORT: unset, and no EMD_CDS_ADMIN_TOKEN');
  });

  it('says so when it listens beyond this machine', () => {
    const { warning } = sandboxSetup(testServiceEnv(), {
      port: 0,
      host: '0.0.0.0',
      fhirUrl: FHIR_URL,
    });
    expect(warning).toContain('It listens on 0.0.0.0 (NOT loopback: reachable from the network');
  });

  it('logs the FHIR servers and CORS origins it set, keeping yours', () => {
    const mine = setup({ FHIR_SERVERS: 'https://fhir.example.org/r4' });
    expect(mine.options.allowedFhirServers).toEqual([
      'https://fhir.example.org/r4',
      'http://127.0.0.1:8080/fhir',
      'http://localhost:8080/fhir',
    ]);
    expect(mine.warning).toContain(
      "FHIR_SERVERS (yours, plus the sandbox's): https://fhir.example.org/r4, http://127.0.0.1:8080/fhir, http://localhost:8080/fhir",
    );
    expect(setup().warning).toContain(
      'CORS_ORIGINS (set by the sandbox): https://sandbox.cds-hooks.org, http://localhost:0',
    );
  });
});

describe("npm run sandbox: the Sandbox's PAMA orders", () => {
  // CPT codes as the Sandbox's PAMA list names them.
  it.each([
    ['78816', 'PET/CT whole body'],
    ['70553', 'MRI brain'],
  ])(
    'gives the emd-imaging-order card for CPT %s (%s) for a patient with EMD',
    async (code, display) => {
      const { options, configFile } = setup();
      service = await startService(options, capturingLogger().logger, configFile);

      const rules = await ruleIdsOfCall(service, pamaOrderSelect('emd-and-cns', code, display));
      expect(rules).toContain('emd-imaging-order');
    },
  );

  it('leaves the production defaults without CPT: the same call gives no such card', async () => {
    const options = sandboxSetup(testServiceEnv(), {
      port: 0,
      host: '127.0.0.1',
      fhirUrl: FHIR_URL,
    }).options;
    // No config file: the built-in defaults, as `npm start` runs.
    service = await startService(options, capturingLogger().logger);

    const rules = await ruleIdsOfCall(
      service,
      pamaOrderSelect('emd-and-cns', '78816', 'PET/CT whole body'),
    );
    expect(rules).not.toContain('emd-imaging-order');
    const shipped = readdirSync(PATHS.valueSets).map((file) =>
      readFileSync(join(PATHS.valueSets, file), 'utf8'),
    );
    expect(shipped.filter((text) => text.includes(CPT))).toEqual([]);
  });
});

describe('the service started without its web apps built', () => {
  it('warns once at start, naming what will 404 and the command that builds them', async () => {
    const { logger, log } = capturingLogger();
    const empty = mkdtempSync(join(tmpdir(), 'emd-cds-no-web-'));
    service = await startService({ ...setup().options, webRoot: empty }, logger);

    expect(log()).toContain(
      "the web apps are not built, so /console/ and /timeline/launch.html will answer 404 (cards' smart links open the timeline): run `npm run build`",
    );
  });

  it("leaves it to a cluster's primary: a worker's start says nothing of them", async () => {
    // docs/deploying.md: the primary says it once for the node; each worker restart would
    // otherwise say it again.
    const { logger, log } = capturingLogger();
    const empty = mkdtempSync(join(tmpdir(), 'emd-cds-no-web-'));
    service = await startService(
      { ...setup().options, webRoot: empty, clusterWorker: true },
      logger,
    );
    expect(log()).not.toContain('not built');
  });

  it('says nothing of them when they are built', async () => {
    const { logger, log } = capturingLogger();
    service = await startService(setup().options, logger);
    expect(log()).not.toContain('not built');
  });
});
