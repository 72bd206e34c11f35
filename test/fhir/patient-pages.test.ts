/**
 * The backtest's Patient list from a FHIR server: each `next` link is followed on the same
 * server however the server writes it (HAPI FHIR at `[base]?_getpages=…`, host-relative,
 * base-relative), and never to another server.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { patientIdPages } from '../../src/fhir/patient-pages.js';
import {
  searchset,
  startStubFhirServer,
  type StubFhirServer,
} from '../support/stub-fhir-server.js';

const options = { accessToken: 'token-123', pageSize: 1, pageTimeoutMs: 5000 };
const patient = (id: string) => ({ resourceType: 'Patient', id });
const FIRST_PAGE = '/fhir/Patient?_count=1&_elements=id';

let server: StubFhirServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function idsFrom(next: (base: string) => string, secondPage: string): Promise<string[]> {
  server = await startStubFhirServer((path) => {
    if (path === FIRST_PAGE) return { body: searchset([patient('p1')], next(server?.url ?? '')) };
    if (path === secondPage) return { body: searchset([patient('p2')]) };
    return { status: 404, body: { resourceType: 'OperationOutcome', issue: [] } };
  });
  const ids: string[] = [];
  for await (const page of patientIdPages(server.url, options)) ids.push(...page.ids);
  return ids;
}

describe('the Patient list of a FHIR server', () => {
  it('follows a next link at the base itself, as HAPI FHIR pages ([base]?_getpages=…)', async () => {
    expect(
      await idsFrom(
        (base) => `${base}?_getpages=abc&_getpagesoffset=1`,
        '/fhir?_getpages=abc&_getpagesoffset=1',
      ),
    ).toEqual(['p1', 'p2']);
  });

  for (const [form, next, expected] of [
    ['host-relative', '/fhir/Patient?page=2', '/fhir/Patient?page=2'],
    ['host-relative at the base', '/fhir?_getpages=abc', '/fhir?_getpages=abc'],
    ['base-relative', 'Patient?page=2', '/fhir/Patient?page=2'],
  ] as const)
    it(`follows a ${form} next link to the page it names`, async () => {
      expect(await idsFrom(() => next, expected)).toEqual(['p1', 'p2']);
    });

  it('never follows a next link to another path on the same host, nor sends the token there', async () => {
    await expect(
      idsFrom(
        (base) => `${base.replace(/\/fhir$/, '/fhir-other')}/Patient?page=2`,
        '/fhir-other/Patient?page=2',
      ),
    ).rejects.toThrow(/another server/);
    expect(server?.requests.map((r) => r.path)).toEqual([FIRST_PAGE]);
  });
});
