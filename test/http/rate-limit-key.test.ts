/**
 * The rate limit's key for a verified caller (src/http/rate-limit.ts): its issuer and its
 * tenant. CDS Hooks 2.0 sets no length on `tenant`, and the key is a primary key of the
 * deployment's database (`rate_window`), where PostgreSQL refuses a B-tree entry above 2704
 * bytes ("index row size … exceeds btree version 4 maximum 2704"): a long tenant failed the
 * write and put every caller of the node on its own memory's counts while the circuit was
 * open.
 */
import express from 'express';
import pino from 'pino';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { NO_METRICS } from '../../src/cds/metrics.js';
import { callerKey, callerRateLimit } from '../../src/http/rate-limit.js';
import type { SharedState } from '../../src/store/shared-state-contract.js';
import { sharedStateCircuit } from '../../src/store/shared-state-circuit.js';

const EHR = 'https://ehr.hospital.example';
const POSTGRES_BTREE_MAX_BYTES = 2704;
const LONG_TENANT = 't'.repeat(8000);

describe('the rate limit key of a caller', () => {
  it('is the issuer and the tenant as written, for a tenant as EHRs send them', () => {
    expect(callerKey(EHR, 'hospital-a')).toBe('iss:https://ehr.hospital.example|hospital-a');
    expect(callerKey(EHR, undefined)).toBe('iss:https://ehr.hospital.example|');
    expect(callerKey(EHR, 'x'.repeat(64))).toBe(
      `iss:https://ehr.hospital.example|${'x'.repeat(64)}`,
    );
  });

  it('stays small for a tenant of 8,000 characters, and tells two long tenants apart', () => {
    const key = callerKey(EHR, LONG_TENANT);
    expect(Buffer.byteLength(key)).toBeLessThanOrEqual(POSTGRES_BTREE_MAX_BYTES);
    expect(key).toMatch(/^iss:https:\/\/ehr\.hospital\.example\|sha256:[A-Za-z0-9_-]{43}$/);
    expect(callerKey(EHR, `${LONG_TENANT}u`)).not.toBe(key);
    expect(callerKey(EHR, LONG_TENANT)).toBe(key);
  });

  it('is what the middleware counts in the shared database', async () => {
    const counted: string[] = [];
    const state: SharedState = {
      rememberOnce: () => Promise.resolve(true),
      countHit: (key) => {
        counted.push(key);
        return Promise.resolve(1);
      },
      uncountHit: () => Promise.resolve(),
      resetHits: () => Promise.resolve(),
      purge: () => Promise.resolve(),
      close: () => Promise.resolve(),
    };
    const circuit = sharedStateCircuit({
      logger: pino({ level: 'silent' }),
      metrics: { sharedStateFallback: () => undefined } as never,
    });
    const app = express();
    app.use((_req, res, next) => {
      // A tenant the issuer lists: one it does not list is left out of the key.
      res.locals.caller = { iss: EHR, tenant: LONG_TENANT, hasListedTenants: true, jti: 'j' };
      next();
    });
    app.use(callerRateLimit(10, NO_METRICS, { state, circuit }));
    app.get('/', (_req, res) => res.send('ok'));

    expect((await request(app).get('/')).status).toBe(200);
    expect(counted).toHaveLength(1);
    expect(Buffer.byteLength(counted[0] ?? '')).toBeLessThanOrEqual(POSTGRES_BTREE_MAX_BYTES);
    expect(counted[0]).not.toContain('tttt');
  });
});
