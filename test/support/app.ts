/** The real app for HTTP tests: default settings, a frozen clock, a silent logger. */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { expect } from 'vitest';
import { hookResponseSchema, type HookResponse } from '../../src/cds/response-schema.js';
import { loadDefaultSettings } from '../../src/config/load-settings.js';
import { PATHS, PROJECT_ROOT } from '../../src/config/project-paths.js';
import { fhirAccessFor } from '../../src/fhir/fhir-access.js';
import { createApp, type AppDeps } from '../../src/http/app.js';

/** The "now" every scenario is evaluated at (test/scenarios/patient-view-scenarios.ts). */
export const SCENARIO_NOW = new Date('2026-11-01T00:00:00Z');

export const defaultSettings = loadDefaultSettings();

export function testApp(overrides: Partial<AppDeps> = {}) {
  return createApp({
    settings: () => defaultSettings,
    logger: pino({ level: 'silent' }),
    clock: () => SCENARIO_NOW,
    newUuid: randomUUID,
    fhirAccess: fhirAccessFor({ allowedServers: [] }),
    corsOrigins: ['https://sandbox.cds-hooks.org'],
    bodyLimit: '5mb',
    ...overrides,
  });
}

/** Parses a response body with the CDS Hooks response schema; fails the test on any violation. */
export function expectValidHookResponse(body: unknown): HookResponse {
  const parsed = hookResponseSchema.safeParse(body);
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
