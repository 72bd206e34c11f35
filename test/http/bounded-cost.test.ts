/**
 * One request must not stall the service, whatever its bytes hold (docs/security.md,
 * "Algorithmic complexity"). Each test sends two requests in the way of ./request-growth.ts
 * (CPU time of this process, best of a few tries, no absolute timing): an ordinary one, and
 * one that once cost far more, and the second may cost at most twice the first. What they
 * once cost: JSON.parse spends about a microsecond on each level of nesting (a body nested
 * 2.4 million deep held the event loop 3.8 s, a FHIR answer 8 million deep 76 s), and zod
 * made an issue for every bad item of a list (400,000 bad codings of one Condition, 6 s).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { fhirAccessFor } from '../../src/fhir/fhir-access.js';
import { fhirKitRunner } from '../../src/fhir/fhir-kit-runner.js';
import {
  listeningTestApp,
  patientViewRequest,
  readExampleRequest,
  testApp,
} from '../support/app.js';
import { rawAnswerServer } from '../support/raw-answer-server.js';
import { growthOf } from './request-growth.js';

/** The second request may cost at most this many times the first. */
const MAX_RATIO = 2;

const app = listeningTestApp();
const PATIENT_VIEW = '/cds-services/emd-patient-view';

const times = <T>(count: number, item: T): T[] => Array.from({ length: count }, () => item);
const arrays = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
/** About as many bytes as arrays(depth), one level deep: numbers in one array. */
const flat = (depth: number) => `[${times(depth, '0').join(',')}]`;

/** What each of the two requests was answered, every try. */
function statusesOf(measured: { statuses: number[] }): { first: number[]; second: number[] } {
  return {
    first: measured.statuses.filter((_, i) => i % 2 === 0),
    second: measured.statuses.filter((_, i) => i % 2 === 1),
  };
}

const costs = (measured: { small: number; large: number }) =>
  `${measured.large.toFixed(1)} ms against ${measured.small.toFixed(1)} ms`;

describe('a request nested deep costs at most twice one as large held flat', () => {
  it('a hook call body with 200,000 levels of arrays in an unknown member: refused', async () => {
    const call = JSON.stringify(patientViewRequest('emd-skin-at-diagnosis', { conditions: null }));
    const holding = (value: string) => call.replace('{', `{"zz":${value},`);
    const measured = await growthOf(
      `${app.base()}${PATIENT_VIEW}`,
      holding(flat(200_000)),
      holding(arrays(200_000)),
      { maxGrowth: MAX_RATIO },
    );
    const { first, second } = statusesOf(measured);
    expect(new Set(first)).toEqual(new Set([200]));
    expect(new Set(second)).toEqual(new Set([400]));
    expect(measured.large, costs(measured)).toBeLessThanOrEqual(MAX_RATIO * measured.small);
  });

  const serve = rawAnswerServer('/fhir');

  it('a call whose FHIR server answers 200,000 levels of arrays: refused as a failed read', async () => {
    /** A searchset Bundle of no entries, with `value` in an unknown member. */
    const searchset = (value: string) =>
      Buffer.from(`{"resourceType":"Bundle","type":"searchset","zz":${value},"entry":[]}`);
    const answering = (body: Buffer) =>
      serve((res) => {
        res.writeHead(200, { 'content-type': 'application/fhir+json' });
        res.end(body);
      });
    const flatServer = await answering(searchset(flat(200_000)));
    const deepServer = await answering(searchset(arrays(200_000)));
    const service = createServer(
      testApp({
        fhirAccess: fhirAccessFor({
          allowedServers: [flatServer, deepServer],
          runnerFor: (url, token) => fhirKitRunner(url, token, { timeoutMs: 30_000, maxPages: 2 }),
        }),
      }),
    );
    await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', resolve));
    try {
      const call = (fhirServer: string) =>
        JSON.stringify({ ...patientViewRequest('emd-skin-at-diagnosis'), fhirServer });
      const port = String((service.address() as AddressInfo).port);
      const measured = await growthOf(
        `http://127.0.0.1:${port}${PATIENT_VIEW}`,
        call(flatServer),
        call(deepServer),
        { maxGrowth: MAX_RATIO },
      );
      const { first, second } = statusesOf(measured);
      expect(new Set(first)).toEqual(new Set([200]));
      expect(new Set(second)).toEqual(new Set([412]));
      expect(measured.large, costs(measured)).toBeLessThanOrEqual(MAX_RATIO * measured.small);
    } finally {
      service.closeAllConnections();
      await new Promise((resolve) => service.close(resolve));
    }
  });
});

describe('a request with a list of bad items costs at most twice one of good items', () => {
  it('a Condition in prefetch whose code holds 50,000 codings, each with a number for system', async () => {
    const good = { system: 'http://snomed.info/sct', code: '38341003' };
    const bad = { system: 38341003, code: '38341003' };
    const callWith = (coding: object) => {
      const body = readExampleRequest('emd-skin-at-diagnosis');
      const conditions = (body.prefetch as { conditions: fhir4.Bundle }).conditions;
      conditions.entry?.push({
        resource: {
          resourceType: 'Condition',
          id: 'many-codings',
          subject: { reference: 'Patient/emd-skin-at-diagnosis' },
          code: { coding: times(50_000, coding) },
        } as fhir4.Condition,
      });
      return JSON.stringify(body);
    };
    const measured = await growthOf(`${app.base()}${PATIENT_VIEW}`, callWith(good), callWith(bad), {
      maxGrowth: MAX_RATIO,
    });
    const { first, second } = statusesOf(measured);
    expect(new Set(first)).toEqual(new Set([200]));
    expect(new Set(second)).toEqual(new Set([412]));
    expect(measured.large, costs(measured)).toBeLessThanOrEqual(MAX_RATIO * measured.small);
  });

  it('order-select with 100,000 bad draft orders, past the bound of 10,000, against 10,000', async () => {
    const callWith = (count: number) => {
      const body = readExampleRequest('emd-and-cns', 'order-select');
      (body.context as { draftOrders: { entry: unknown[] } }).draftOrders.entry = times(count, 1);
      return JSON.stringify(body);
    };
    const measured = await growthOf(
      `${app.base()}/cds-services/emd-imaging-order-select`,
      callWith(10_000),
      callWith(100_000),
      { maxGrowth: MAX_RATIO },
    );
    expect(new Set(measured.statuses)).toEqual(new Set([400]));
    expect(measured.large, costs(measured)).toBeLessThanOrEqual(MAX_RATIO * measured.small);
  });
});
