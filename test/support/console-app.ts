/** The real app with an admin token and an SQLite audit store, for the console API tests. */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect } from 'vitest';
import { pseudonymiser } from '../../src/cds/pseudonyms.js';
import { openStore } from '../../src/store/open-store.js';
import type { ServiceSettings } from '../../src/cds/service-settings.js';
import type { Store } from '../../src/store/store.js';
import { testApp } from './app.js';

export const ADMIN = 'console-admin-token-0123456789abcdef';
export const BEARER = `Bearer ${ADMIN}`;
export const AUDIT_SECRET = randomBytes(32);

let stores: Store[] = [];
afterEach(async () => {
  await Promise.all(stores.map((s) => s.close()));
  stores = [];
});

/** The app with the admin token set, or with none (`{ adminToken: false }`); default settings unless given. */
export async function consoleApp(
  options: { adminToken?: boolean; settings?: ServiceSettings } = {},
) {
  const adminToken = options.adminToken === false ? undefined : ADMIN;
  const store = openStore({
    sqliteFile: join(mkdtempSync(join(tmpdir(), 'emd-cds-console-')), 'audit.sqlite'),
  });
  stores.push(store);
  await store.migrate();
  const app = testApp({
    audit: { store, pseudonymise: pseudonymiser(AUDIT_SECRET) },
    adminToken,
    fhirServers: ['http://localhost:8080/fhir'],
    ...(options.settings ? { settings: () => options.settings as ServiceSettings } : {}),
  });
  return { app, store };
}

/** The first issue of an OperationOutcome answer. */
export function firstIssue(body: unknown): fhir4.OperationOutcomeIssue & { resourceType?: string } {
  const outcome = body as Partial<fhir4.OperationOutcome>;
  expect(outcome.resourceType).toBe('OperationOutcome');
  const issue = outcome.issue?.[0];
  if (!issue) return expect.fail('the OperationOutcome has no issue');
  return issue;
}
