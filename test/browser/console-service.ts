/**
 * The real service for the console's browser tests, as `npm start` builds it (startService,
 * options from serviceOptions over the built-in defaults) on 127.0.0.1, with authentication
 * on (local test issuer in a temp folder), an SQLite store in a temp folder and an admin
 * token; the browser apps as the global setup built them (builtWebApps). Cards and feedback
 * are created through HTTP, as an EHR would.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { freePort } from '../../bench/services.js';
import { ensureLocalIssuerKeys, mintLocalToken } from '../../src/auth/local-issuer.js';
import type { CdsCard as Card } from '../support/cds-hooks-schema.js';
import { readConfigFile } from '../../src/config/config-file.js';
import { DEFAULT_CONFIG } from '../../src/config/config-schema.js';
import { serviceOptions } from '../../src/config/environment.js';
import { startService, type RunningService } from '../../src/service.js';
import { expectValidHookResponse, readExampleRequest } from '../support/app.js';
import { builtWebApps, useChromium } from '../support/browser.js';

export const ADMIN_TOKEN = 'browser-test-admin-token-0123456789';

export interface ConsoleService {
  /** e.g. http://127.0.0.1:41234 */
  baseUrl: string;
  service: RunningService;
  /** The configuration file the service watches; undefined for the built-in configuration. */
  configFile: string | undefined;
  /** A hook call through HTTP with a fresh JWT; the cards served (and audited). */
  callHook(serviceId: string, body: object): Promise<Card[]>;
  /** CDS Hooks feedback through HTTP with a fresh JWT. */
  postFeedback(serviceId: string, feedback: object[]): Promise<void>;
}

/**
 * `fhirServerUrl`: the FHIR server the service may read and the console launches the
 * timeline against (the vitest global setup's, with every example patient); `configText`, a
 * configuration file's content (without it, the built-in configuration).
 */
export async function startConsoleService(
  fhirServerUrl = 'http://127.0.0.1:8080/fhir',
  configText?: string,
): Promise<ConsoleService> {
  const dir = mkdtempSync(join(tmpdir(), 'emd-cds-console-browser-'));
  const issuerDir = join(dir, 'local-issuer');
  // A port chosen first, so the public URL (JWT audiences, the timeline link) is the real one.
  const port = await freePort();
  const PUBLIC_BASE_URL = `http://127.0.0.1:${String(port)}`;
  const configFile = configText === undefined ? undefined : join(dir, 'site.yaml');
  if (configFile) writeFileSync(configFile, configText ?? '');
  const options = serviceOptions(configFile ? readConfigFile(configFile) : DEFAULT_CONFIG, {
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_BASE_URL,
    LOG_LEVEL: 'silent',
    AUTH: 'on',
    AUTH_LOCAL_ISSUER: 'on',
    AUTH_LOCAL_ISSUER_DIR: issuerDir,
    EMD_CDS_SQLITE_FILE: join(dir, 'audit.sqlite'),
    EMD_CDS_AUDIT_SECRET: randomBytes(32).toString('base64'),
    EMD_CDS_ADMIN_TOKEN: ADMIN_TOKEN,
    FHIR_SERVERS: fhirServerUrl,
  });
  options.webRoot = builtWebApps();
  const service = await startService(options, pino({ level: 'silent' }), configFile);
  const baseUrl = `http://127.0.0.1:${new URL(service.discoveryUrl).port}`;
  const keys = await ensureLocalIssuerKeys(issuerDir);

  const post = async (path: string, body: object) => {
    const token = await mintLocalToken(keys, `${PUBLIC_BASE_URL}${path}`);
    return fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  };
  return {
    baseUrl,
    service,
    configFile,
    callHook: async (serviceId, body) => {
      // A hook call of its own each time (a new hookInstance), as an EHR makes them: the
      // stats count the cards of one hookInstance once (an EHR's retry sends it again).
      const response = await post(`/cds-services/${serviceId}`, {
        ...body,
        hookInstance: randomUUID(),
      });
      expect(response.status).toBe(200);
      return expectValidHookResponse(await response.json()).cards;
    },
    postFeedback: async (serviceId, feedback) => {
      const response = await post(`/cds-services/${serviceId}/feedback`, { feedback });
      expect(await response.json()).toEqual({
        stored: feedback.length,
        duplicates: 0,
        unknownCards: 0,
        otherClient: 0,
        unofferedReasons: 0,
      });
    },
  };
}

const REASONS = 'https://fhir.emd-cds.org/CodeSystem/override-reason';

/**
 * Three cards answered: emd-and-cns gives emd-cns (accepted) and emd-soft-tissue (overridden,
 * already-aware); leptomeningeal-with-cns gives emd-leptomeningeal (overridden,
 * not-relevant-now); one more emd-and-cns call leaves both its cards unanswered.
 */
export async function seedFeedback(service: ConsoleService): Promise<void> {
  const outcomeTimestamp = new Date().toISOString();
  const [cns, softTissue] = await service.callHook(
    'emd-patient-view',
    readExampleRequest('emd-and-cns'),
  );
  const [lepto] = await service.callHook(
    'emd-patient-view',
    readExampleRequest('leptomeningeal-with-cns'),
  );
  await service.callHook('emd-patient-view', readExampleRequest('emd-and-cns'));
  const overridden = (card: Card | undefined, code: string) => ({
    card: card?.uuid,
    outcome: 'overridden',
    overrideReason: { reason: { system: REASONS, code } },
    outcomeTimestamp,
  });
  await service.postFeedback('emd-patient-view', [
    {
      card: cns?.uuid,
      outcome: 'accepted',
      acceptedSuggestions: [{ id: cns?.suggestions?.[0]?.uuid }],
      outcomeTimestamp,
    },
    overridden(softTissue, 'already-aware'),
    overridden(lepto, 'not-relevant-now'),
  ]);
}

/** The service and the browser a suite of console tests drives. */
export interface ConsoleInBrowser {
  readonly service: ConsoleService;
  readonly browser: Browser;
}

/**
 * For the suite it is called in: the service with the feedback of `seedFeedback`, started
 * before its tests and closed after them, and the worker's Chromium (`useChromium`, which
 * closes the suite's contexts after its tests). The fields are set once the suite's
 * `beforeAll` has run.
 */
export function seededConsoleInBrowser(): ConsoleInBrowser {
  let service: ConsoleService | undefined;
  beforeAll(async () => {
    service = await startConsoleService(inject('fhirServerUrl'));
    await seedFeedback(service);
  }, 120_000);
  afterAll(async () => {
    await service?.service.close();
  });
  // Registered after the service's hooks, so its afterAll, closing the pages, runs first.
  const browser = useChromium();
  return {
    get service() {
      if (!service) throw new Error('the service is started in beforeAll');
      return service;
    },
    get browser() {
      return browser();
    },
  };
}
