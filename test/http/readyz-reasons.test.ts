/**
 * GET /readyz names each reason a node is degraded for, in words for a monitor
 * (docs/configuring.md, "Reloading, and the config hash"; docs/deploying.md, "Probes") and
 * as fields the console reads, so that it says a refused config file is refused, not that the
 * audit database is down. A node degraded for several reasons gives each.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { NodeHealth } from '../../src/http/readiness.js';
import { testApp } from '../support/app.js';

const REFUSED_AT = '2026-12-06T16:52:05.732Z';
const REFUSED_WORDS = `configuration reload refused at ${REFUSED_AT}: the previous configuration is in force (see the log)`;
const SPOOLED_WORDS = 'audit store unavailable: cards are spooled locally';
const AUDIT_UP = { degraded: false, spooled: 0, cannotRecord: false };
const AUDIT_DOWN = { degraded: true, spooled: 3, cannotRecord: false };

const readyz = async (health: NodeHealth) =>
  (await request(testApp({ health: () => health })).get('/readyz')).body as Record<string, unknown>;

describe('/readyz says why the node is degraded', () => {
  it('says a refused reload with its time and nothing of the audit while the audit is up', async () => {
    const body = await readyz({
      audit: AUDIT_UP,
      sharedStateDown: false,
      configReloadRefusedAt: REFUSED_AT,
    });
    expect(body).toEqual({
      status: 'degraded',
      configHash: expect.stringMatching(/^[0-9a-f]{16}$/) as unknown,
      auditSpooled: 0,
      degraded: [REFUSED_WORDS],
      configReloadRefusedAt: REFUSED_AT,
    });
  });

  it('gives each reason when the audit database is down and a reload was refused', async () => {
    const body = await readyz({
      audit: AUDIT_DOWN,
      sharedStateDown: true,
      configReloadRefusedAt: REFUSED_AT,
    });
    expect(body).toMatchObject({
      status: 'degraded',
      auditSpooled: 3,
      degraded: [
        SPOOLED_WORDS,
        'shared state unavailable: replay guard is node-local',
        REFUSED_WORDS,
      ],
      auditStoreDown: true,
      sharedStateDown: true,
      configReloadRefusedAt: REFUSED_AT,
    });
  });

  it('counts the keys that wait for a restart without naming them (the log and the admin API do)', async () => {
    for (const [keys, words] of [
      [
        ['auth.enabled', 'fhir.timeoutMs'],
        'restart needed: 2 settings changed in the configuration in force take effect only after a restart (the log names them)',
      ],
      [
        ['auth.enabled'],
        'restart needed: 1 setting changed in the configuration in force takes effect only after a restart (the log names them)',
      ],
    ] as const) {
      const body = await readyz({
        audit: AUDIT_UP,
        sharedStateDown: false,
        restartNeededFor: keys,
      });
      expect(body).toMatchObject({
        status: 'degraded',
        degraded: [words],
        restartNeeded: keys.length,
      });
      // Open to anyone who reaches the node: "auth.enabled" would say what a restart brings.
      expect(JSON.stringify(body)).not.toContain('auth.enabled');
    }
  });

  it('says a cluster node runs fewer workers than configured, and stays ready', async () => {
    const body = await readyz({
      audit: AUDIT_UP,
      sharedStateDown: false,
      workers: { serving: 3, wanted: 4 },
    });
    expect(body).toMatchObject({
      status: 'degraded',
      degraded: [
        'workers short: 3 of 4 workers serving; the primary is restarting the others (see the log)',
      ],
      workersShort: { serving: 3, wanted: 4 },
    });
  });

  it('answers a ready node with its hash and spool alone', async () => {
    const body = await readyz({
      audit: AUDIT_UP,
      sharedStateDown: false,
      restartNeededFor: [],
      workers: { serving: 4, wanted: 4 },
    });
    expect(Object.keys(body).sort()).toEqual(['auditSpooled', 'configHash', 'status']);
    expect(body.status).toBe('ready');
  });
});
