/**
 * GET /admin/config's `startOnly` (src/config/start-only-view.ts) over HTTP on the real app:
 * each setting read only at start with the value the node runs with (the environment over the
 * file) and whether the config file in force says otherwise, and never a secret: not a
 * PostgreSQL password in any of the forms a URL may carry it, not the audit key, the admin
 * token or an issuer's key material.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { TrustedIssuer } from '../../src/auth/trusted-issuers.js';
import { configSchema } from '../../src/config/config-schema.js';
import type { ConfigView } from '../../src/config/config-view.js';
import { serviceOptions } from '../../src/config/environment.js';
import { describeIssuer, startOnlyInForce } from '../../src/config/start-only-view.js';
import { testApp } from '../support/app.js';

const ADMIN_TOKEN = 'start-only-admin-token-0123456789abcdef';
const AUDIT_SECRET = Buffer.alloc(32, 9).toString('base64');
const PASSWORD = 'Tr0ub4dor&3-horse';
const EHR: TrustedIssuer = {
  iss: 'https://ehr.hospital.internal',
  jku: [],
  jwks: {
    keys: [
      { kty: 'EC', crv: 'P-384', kid: 'ehr-2026', x: 'x-coordinate-4Q', y: 'y-coordinate-7Z' },
    ],
  },
  tenants: ['north'],
};

/** The file the node started with: port 3000, one EHR, SQLite; the environment over it. */
const CONFIG = configSchema.parse({
  service: { port: 3000, workers: 2 },
  auth: { issuers: [EHR] },
});
const ENV = {
  PORT: '8443',
  EMD_CDS_DATA_DIR: '/var/lib/emd-cds',
  EMD_CDS_AUDIT_SECRET: AUDIT_SECRET,
  EMD_CDS_ADMIN_TOKEN: ADMIN_TOKEN,
};

/** GET /admin/config of an app whose node runs `env` over CONFIG, `waiting` for a restart. */
async function viewOf(env: Record<string, string>, waiting: string[] = []) {
  const options = serviceOptions(CONFIG, { ...ENV, ...env });
  const app = testApp({
    adminToken: ADMIN_TOKEN,
    startOnly: { settings: startOnlyInForce(options), trustedIssuers: [describeIssuer(EHR)] },
    health: () => ({ audit: undefined, sharedStateDown: false, restartNeededFor: waiting }),
  });
  const response = await request(app)
    .get('/admin/config')
    .set('Authorization', `Bearer ${ADMIN_TOKEN}`);
  expect(response.status).toBe(200);
  return { text: response.text, view: (response.body as ConfigView).startOnly };
}

describe("GET /admin/config's start-only settings", () => {
  it('give the value in force, the environment over the file, and which wait for a restart', async () => {
    const { view } = await viewOf({}, ['service.port', 'auth.enabled']);
    const row = (setting: string) => view.settings.find((s) => s.setting === setting);
    // PORT wins over the file's service.port; the file has changed it since the start.
    expect(row('service.port')).toEqual({
      setting: 'service.port',
      variable: 'PORT',
      value: 8443,
      restartNeeded: true,
    });
    expect(row('service.workers')).toEqual({
      setting: 'service.workers',
      variable: 'WORKERS',
      value: 2,
      restartNeeded: false,
    });
    expect(row('auth.enabled')).toMatchObject({ value: true, restartNeeded: true });
    expect(row('service.publicBaseUrl')).toMatchObject({ value: 'http://localhost:8443' });
    expect(row('store.sqliteFile')).toMatchObject({ value: '/var/lib/emd-cds/emd-cds.sqlite' });
    expect(row('store.postgresUrl')).toMatchObject({ value: null });
    expect(row('EMD_CDS_AUDIT_SECRET')).toMatchObject({ value: 'set (not shown)' });
    expect(view.trustedIssuers).toEqual([
      'https://ehr.hospital.internal: static keys ehr-2026; tenants north',
    ]);
  });

  it('name every start-only key of the config file once, and no reloaded one', async () => {
    const { view } = await viewOf({});
    const keys = view.settings.map((s) => s.setting).filter((s) => s.includes('.'));
    // docs/configuring.md, "What needs a restart": the service, fhir, auth, store and timeline
    // sections, but service.defaultLocale, which a reload applies.
    expect(new Set(keys).size).toBe(keys.length);
    for (const section of ['service', 'fhir', 'auth', 'store', 'timeline'])
      expect(keys.some((key) => key.startsWith(`${section}.`))).toBe(true);
    for (const key of ['service.port', 'fhir.caFiles', 'auth.localIssuerDir', 'store.dataDir'])
      expect(keys).toContain(key);
    expect(keys).not.toContain('service.defaultLocale');
  });

  it('never hold the PostgreSQL password, the audit key, the admin token or key material', async () => {
    const encoded = encodeURIComponent(PASSWORD);
    for (const url of [
      `postgres://emd_cds:${encoded}@db-host:5432/emd_cds`,
      `postgresql://emd_cds:${encoded}@db-host/emd_cds?sslmode=require`,
      `postgres://emd_cds@db-host/emd_cds?password=${encoded}`,
      `postgres://emd_cds:${encoded}@/emd_cds?host=/run/postgresql`,
    ]) {
      const { text, view } = await viewOf({ EMD_CDS_POSTGRES_URL: url });
      for (const secret of [PASSWORD, encoded, AUDIT_SECRET, ADMIN_TOKEN, 'x-coordinate-4Q'])
        expect({ url, leaks: text.includes(secret) }).toEqual({ url, leaks: false });
      const shown = view.settings.find((s) => s.setting === 'store.postgresUrl')?.value;
      expect(String(shown)).toMatch(/db-host|\/run\/postgresql/);
      expect(String(shown)).toContain('***');
    }
  });
});
