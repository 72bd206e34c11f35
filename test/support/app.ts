/** The real app for HTTP tests: default settings, a frozen clock, a silent logger. */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Express } from 'express';
import { afterAll, beforeAll } from 'vitest';
import { pino } from 'pino';
import { expect } from 'vitest';
import { createJwtVerifier } from '../../src/auth/jwt-verifier.js';
import { InMemoryReplayCache } from '../../src/auth/replay-cache.js';
import { newCardUuid } from '../../src/cds/card-uuid.js';
import { NO_METRICS } from '../../src/cds/metrics.js';
import { cdsHookResponse, type CdsHookResponse } from './cds-hooks-schema.js';
import { loadDefaultSettings } from '../../src/config/load-settings.js';
import { PATHS, PROJECT_ROOT } from '../../src/config/project-paths.js';
import { fhirAccessFor } from '../../src/fhir/fhir-access.js';
import { createApp, type AppDeps } from '../../src/http/app.js';

/** The "now" every scenario is evaluated at (test/scenarios/patient-view-scenarios.ts). */
export const SCENARIO_NOW = new Date('2026-11-01T00:00:00Z');

export const defaultSettings = loadDefaultSettings();

/**
 * The app as `npm start` builds it, with test defaults. Every 200 answer of a service call
 * is checked against the CDS Hooks response schema written from the spec
 * (./cds-hooks-schema.ts, not src/) on its way out: a violation turns into a 500, so no test that expects 200 can pass with a non-conformant response.
 */
export function testApp(overrides: Partial<AppDeps> = {}): Express {
  const app = createApp({
    settings: () => defaultSettings,
    logger: pino({ level: 'silent' }),
    clock: () => SCENARIO_NOW,
    newUuid: newCardUuid,
    fhirAccess: fhirAccessFor({ allowedServers: [] }),
    corsOrigins: ['https://sandbox.cds-hooks.org'],
    bodyLimit: '5mb',
    // Authentication has its own tests (test/http/auth.test.ts); here it would only add tokens.
    auth: undefined,
    rateLimitPerMinute: 1_000_000,
    isShuttingDown: () => false,
    metrics: NO_METRICS,
    // Audit, feedback and suppression have their own tests (test/http/feedback.test.ts).
    audit: undefined,
    adminToken: undefined,
    fhirServers: [],
    ...overrides,
  });
  const checked = express();
  checked.use((req, res, next) => {
    const send = res.json.bind(res);
    res.json = (body: unknown) => {
      if (
        req.method === 'POST' &&
        /^\/cds-services\/[^/]+$/.test(req.path) &&
        res.statusCode === 200
      ) {
        cdsHookResponse.parse(body);
      }
      return send(body);
    };
    next();
  });
  checked.use(app);
  return checked;
}

/**
 * The app with authentication on and no issuer trusted: every call that needs a token is
 * refused, so a test sees what comes before authentication (CORS, 405, discovery) and the 401.
 */
export function appTrustingNobody(
  publicBaseUrl = 'https://cds.hospital.example',
  overrides: Partial<AppDeps> = {},
): Express {
  const settings = {
    enabled: true,
    issuers: [],
    publicBaseUrl,
    clockToleranceSeconds: 60,
    maxTokenAgeSeconds: 300,
  };
  const verify = createJwtVerifier(settings, new InMemoryReplayCache());
  return testApp({ auth: { verify, publicBaseUrl }, ...overrides });
}

/** Parses a response body with the CDS Hooks response schema; fails the test on any violation. */
export function expectValidHookResponse(body: unknown): CdsHookResponse {
  const parsed = cdsHookResponse.safeParse(body);
  if (!parsed.success)
    expect.fail(
      `response violates the CDS Hooks response schema: ${JSON.stringify(parsed.error.issues, null, 2)}`,
    );
  return parsed.data;
}

export function readExampleBundle(name: string): fhir4.Bundle {
  return JSON.parse(readFileSync(join(PATHS.examples, `${name}.json`), 'utf8')) as fhir4.Bundle;
}

/** A generated example request: `name` is the file name without .json, `hook` its folder. */
export function readExampleRequest(name: string, hook = 'patient-view'): Record<string, unknown> {
  return JSON.parse(
    readFileSync(join(PROJECT_ROOT, 'cds-hooks', 'examples', hook, `${name}.json`), 'utf8'),
  ) as Record<string, unknown>;
}

/** A valid patient-view request for `patientId` with the given prefetch. */
export function patientViewRequest(
  patientId: string,
  prefetch?: Record<string, unknown>,
): Record<string, unknown> {
  return {
    hook: 'patient-view',
    hookInstance: randomUUID(),
    context: { userId: 'Practitioner/example-haematologist', patientId },
    ...(prefetch ? { prefetch } : {}),
  };
}

/**
 * The test app on a port of 127.0.0.1 for the whole test file (beforeAll/afterAll), for
 * tests that send bytes as given (supertest re-encodes bodies and keeps one line of a
 * header) or time a real request. `overrides` is called in beforeAll, after the file's own
 * beforeAll hooks have made what it needs (signing keys, say).
 */
export function listeningTestApp(overrides: () => Partial<AppDeps> = () => ({})): {
  base: () => string;
} {
  let server: Server | undefined;
  beforeAll(async () => {
    const started = createServer(testApp(overrides()));
    await new Promise<void>((resolve) => started.listen(0, '127.0.0.1', resolve));
    server = started;
  });
  afterAll(async () => {
    const running = server;
    if (!running) return;
    await new Promise<void>((resolve) => {
      running.close(() => {
        resolve();
      });
    });
  });
  return {
    base: () => `http://127.0.0.1:${String((server?.address() as AddressInfo).port)}`,
  };
}
