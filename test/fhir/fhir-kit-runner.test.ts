/** Reading what prefetch lacks from the client's FHIR server: paging, budget, failures. */
import { afterEach, describe, expect, it } from 'vitest';
import type { DataNeed } from '../../src/cds/service-definition.js';
import { fhirKitRunner } from '../../src/fhir/fhir-kit-runner.js';
import { withQueryEncoded } from '../../src/fhir/query-on-the-wire.js';
import {
  searchset,
  startStubFhirServer,
  type StubFhirServer,
} from '../support/stub-fhir-server.js';
import { conditionSearch } from './condition-search.js';

const conditions = conditionSearch;
const patientRead: DataNeed = {
  key: 'patient',
  template: 'Patient/{{context.patientId}}',
  resourceType: 'Patient',
  interaction: 'read',
  isRequired: false,
  gap: undefined,
};
// A generous budget: these tests are about paging and failures, not time (machines here are shared).
const limits = { timeoutMs: 5000, maxPages: 3 };
const condition = (id: string) => ({
  resourceType: 'Condition',
  id,
  subject: { reference: 'Patient/secret-patient-id' },
});

let servers: StubFhirServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});
async function stub(answer: Parameters<typeof startStubFhirServer>[0]) {
  const server = await startStubFhirServer(answer);
  servers.push(server);
  return server;
}

/**
 * The ids a Conditions search read (continuing the client's first page when given one), and how
 * often the runner said that results were withheld (H131).
 */
async function readCountingWithheld(
  server: StubFhirServer,
  continueFrom?: Parameters<ReturnType<typeof fhirKitRunner>['run']>[2],
): Promise<{ ids: (string | undefined)[]; said: number }> {
  let said = 0;
  const resources = await fhirKitRunner(server.url, undefined, limits).run(
    conditions,
    'Condition?patient=p1',
    continueFrom,
    undefined,
    () => (said += 1),
  );
  return { ids: resources.map((r) => r.resource.id), said };
}

describe('fhirKitRunner', () => {
  it('follows next links on the same server and sends the access token with each page', async () => {
    const server = await stub((path) => {
      const base = servers[0]?.url ?? '';
      if (path.includes('page=2')) return { body: searchset([condition('c2')]) };
      return {
        body: searchset([condition('c1')], `${base}/Condition?patient=secret-patient-id&page=2`),
      };
    });
    const resources = await fhirKitRunner(server.url, 'token-123', limits).run(
      conditions,
      'Condition?patient=secret-patient-id',
    );
    expect(resources.map((r) => r.resource.id)).toEqual(['c1', 'c2']);
    expect(server.requests).toHaveLength(2);
    for (const request of server.requests)
      expect(request.headers.authorization).toBe('Bearer token-123');
  });

  // HAPI FHIR pages at the server base itself: `[base]?_getpages=…` (hapifhir/hapi-fhir#2165,
  // ga4gh/data-connect#61), with no path after the base.
  it('follows a next link at the base itself, as HAPI FHIR pages ([base]?_getpages=…)', async () => {
    const server = await stub((path) => {
      if (path.includes('_getpages=')) return { body: searchset([condition('c2')]) };
      const next = `${servers[0]?.url ?? ''}?_getpages=abc&_getpagesoffset=1&_count=1&_bundletype=searchset`;
      return { body: searchset([condition('c1')], next) };
    });
    const resources = await fhirKitRunner(server.url, 'token-123', limits).run(
      conditions,
      'Condition?patient=p1',
    );
    expect(resources.map((r) => r.resource.id)).toEqual(['c1', 'c2']);
    expect(server.requests.map((r) => r.path)).toEqual([
      '/fhir/Condition?patient=p1',
      '/fhir?_getpages=abc&_getpagesoffset=1&_count=1&_bundletype=searchset',
    ]);
  });

  // A relative link resolves against the base as any relative URL does (RFC 3986 §5.2); servers
  // that answer a host-relative `next` (HAPI with a short address strategy, beda-software/fhir-py#83).
  for (const [form, next, expected] of [
    ['host-relative', '/fhir/Condition?patient=p1&page=2', '/fhir/Condition?patient=p1&page=2'],
    ['host-relative at the base', '/fhir?_getpages=abc', '/fhir?_getpages=abc'],
    ['base-relative', 'Condition?patient=p1&page=2', '/fhir/Condition?patient=p1&page=2'],
  ] as const) {
    it(`follows a ${form} next link to the page it names`, async () => {
      const server = await stub((path) =>
        path === expected
          ? { body: searchset([condition('c2')]) }
          : path === '/fhir/Condition?patient=p1'
            ? { body: searchset([condition('c1')], next) }
            : { status: 404, body: { resourceType: 'OperationOutcome', issue: [] } },
      );
      const resources = await fhirKitRunner(server.url, 'token-123', limits).run(
        conditions,
        'Condition?patient=p1',
      );
      expect(resources.map((r) => r.resource.id)).toEqual(['c1', 'c2']);
      expect(server.requests.map((r) => r.path)).toEqual(['/fhir/Condition?patient=p1', expected]);
    });
  }

  it('never follows a next link to a path beside the base on the same host', async () => {
    const server = await stub(() => ({
      body: searchset(
        [condition('c1')],
        `${(servers[0]?.url ?? '').replace(/\/fhir$/, '/fhir-other')}?page=2`,
      ),
    }));
    await expect(
      fhirKitRunner(server.url, 'token-123', limits).run(conditions, 'Condition?patient=p1'),
    ).rejects.toThrow(/another server/);
    expect(server.requests).toHaveLength(1);
  });

  // WHATWG URL resolves "..", not "..%2f": a server that decodes first would leave the base.
  for (const escape of ['..%2fother/Condition', '%2e%2e/other/Condition', '..%5Cother/Condition'])
    it(`never follows a next link whose path escapes the base encoded (${escape})`, async () => {
      const server = await stub(() => ({
        body: searchset([condition('c1')], `${servers[0]?.url ?? ''}/${escape}?page=2`),
      }));
      await expect(
        fhirKitRunner(server.url, 'token-123', limits).run(conditions, 'Condition?patient=p1'),
      ).rejects.toThrow(/another server/);
      expect(server.requests).toHaveLength(1);
    });

  it('asks for pageSize results per page unless the query sets _count', async () => {
    const server = await stub(() => ({ body: searchset([condition('c1')]) }));
    const runner = fhirKitRunner(server.url, undefined, { ...limits, pageSize: 200 });
    await runner.run(conditions, 'Condition?patient=p1');
    await runner.run(conditions, 'Condition?patient=p1&_count=5');
    expect(server.requests.map((r) => r.path)).toEqual([
      '/fhir/Condition?patient=p1&_count=200',
      '/fhir/Condition?patient=p1&_count=5',
    ]);
  });

  it('never follows a next link to another server, so the token does not leave', async () => {
    const other = await stub(() => ({ body: searchset([condition('elsewhere')]) }));
    const server = await stub(() => ({
      body: searchset([condition('c1')], `${other.url}/Condition?page=2`),
    }));
    await expect(
      fhirKitRunner(server.url, 'token-123', limits).run(conditions, 'Condition?patient=p1'),
    ).rejects.toThrow(/another server/);
    expect(other.requests).toHaveLength(0);
  });

  // H121: a server that spells its own base otherwise (localhost for 127.0.0.1) in its next
  // links; refused, as the token would go with it, but saying where they lead, never the query.
  it('says where a refused next link leads and where fhirServer is, in its error and a warn line', async () => {
    const server = await stub(() => ({
      body: searchset(
        [condition('c1')],
        `${(servers[0]?.url ?? '').replace('127.0.0.1', 'localhost')}/Condition?patient=secret-patient-id&page=2`,
      ),
    }));
    const port = new URL(server.url).port;
    const warnings: { fields: object; message: string }[] = [];
    const log = {
      warn: (fields: object, message: string) => {
        warnings.push({ fields, message });
      },
    };
    const where = `the server's next links are under http://localhost:${port}/fhir, not fhirServer http://127.0.0.1:${port}/fhir: make the server's base URL match`;
    await expect(
      fhirKitRunner(server.url, 'token-123', limits, undefined, log).run(
        conditions,
        'Condition?patient=p1',
      ),
    ).rejects.toThrow(
      `Condition search continues on another server, which is not called (the token would go with it): ${where}`,
    );
    expect(warnings).toEqual([
      {
        fields: { resourceType: 'Condition', nextLink: where },
        message: `a FHIR server's next link was not followed, as it leads off fhirServer: ${where}`,
      },
    ]);
    expect(JSON.stringify(warnings)).not.toMatch(/secret-patient-id|token-123/);
    expect(server.requests).toHaveLength(1);
  });

  // RFC 3986 §6.2.2.1: the scheme is case-insensitive (the rest: server-links.test.ts).
  it('follows a next link whose scheme is in capitals, as RFC 3986 reads it as the same', async () => {
    const server = await stub((path) =>
      path.includes('page=2')
        ? { body: searchset([condition('c2')]) }
        : {
            body: searchset(
              [condition('c1')],
              `${(servers[0]?.url ?? '').replace('http://', 'HTTP://')}/Condition?page=2`,
            ),
          },
    );
    const resources = await fhirKitRunner(server.url, 'token-123', limits).run(
      conditions,
      'Condition?patient=p1',
    );
    expect(resources.map((r) => r.resource.id)).toEqual(['c1', 'c2']);
  });

  it("searches afresh, dropping the client's first page, when its next link leads to another server", async () => {
    const other = await stub(() => ({ body: searchset([condition('elsewhere')]) }));
    const server = await stub(() => ({ body: searchset([condition('c1'), condition('c2')]) }));
    const resources = await fhirKitRunner(server.url, 'token-123', limits).run(
      conditions,
      'Condition?patient=p1',
      { resources: [], next: `${other.url}/Condition?page=2` },
    );
    expect(resources.map((r) => r.resource.id)).toEqual(['c1', 'c2']);
    expect(server.requests.map((r) => r.path)).toEqual(['/fhir/Condition?patient=p1']);
    expect(other.requests).toHaveLength(0);
  });

  // HAPI FHIR keeps a search's pages for a while, then answers its `next` link 410 Gone
  // ("Search ID … does not exist and may have expired"); other servers answer 404.
  for (const status of [410, 404]) {
    it(`searches afresh, dropping the client's first page, when its next link is gone (HTTP ${String(status)})`, async () => {
      const server = await stub((path) =>
        path.includes('page=2')
          ? { status, body: { resourceType: 'OperationOutcome', issue: [] } }
          : { body: { ...searchset([condition('c1'), condition('c2')]), total: 2 } },
      );
      const resources = await fhirKitRunner(server.url, 'token-123', limits).run(
        conditions,
        'Condition?patient=p1',
        {
          resources: [{ resource: condition('from-the-client') }],
          next: `${server.url}/Condition?page=2`,
        },
      );
      expect(resources.map((r) => r.resource.id)).toEqual(['c1', 'c2']);
      expect(server.requests.map((r) => r.path)).toEqual([
        '/fhir/Condition?page=2',
        '/fhir/Condition?patient=p1',
      ]);
    });
  }

  it('fails the read when a later page of its own search is gone', async () => {
    const server = await stub((path) =>
      path.includes('page=2')
        ? { status: 410, body: { resourceType: 'OperationOutcome', issue: [] } }
        : { body: searchset([condition('c1')], `${servers[0]?.url ?? ''}/Condition?page=2`) },
    );
    await expect(
      fhirKitRunner(server.url, 'token-123', limits).run(conditions, 'Condition?patient=p1'),
    ).rejects.toThrow('the FHIR server answered the Condition search with HTTP 410');
    expect(server.requests).toHaveLength(2);
  });

  it("reads the client's empty first page's next link without checking the last page's total", async () => {
    const server = await stub(() => ({ body: { ...searchset([condition('c2')]), total: 5 } }));
    const resources = await fhirKitRunner(server.url, 'token-123', limits).run(
      conditions,
      'Condition?patient=p1',
      { resources: [], next: `${server.url}/Condition?page=2` },
    );
    expect(resources.map((r) => r.resource.id)).toEqual(['c2']);
  });

  it('refuses incomplete data when a search has more pages than the cap', async () => {
    const server = await stub((path) => ({
      body: searchset(
        [condition(`c${path.length}`)],
        `${servers[0]?.url ?? ''}/Condition?page=${String(path.length)}`,
      ),
    }));
    await expect(
      fhirKitRunner(server.url, undefined, limits).run(conditions, 'Condition?patient=p1'),
    ).rejects.toThrow(/more than 3 pages/);
    expect(server.requests).toHaveLength(3);
  });

  for (const status of [401, 403, 500, 503]) {
    it(`reports HTTP ${String(status)} without the URL or the server's error body`, async () => {
      const server = await stub(() => ({
        status,
        body: {
          resourceType: 'OperationOutcome',
          issue: [{ diagnostics: 'patient secret-patient-id not visible' }],
        },
      }));
      const failure = fhirKitRunner(server.url, undefined, limits).run(
        conditions,
        'Condition?patient=secret-patient-id',
      );
      await expect(failure).rejects.toThrow(`HTTP ${String(status)}`);
      await expect(failure).rejects.not.toThrow(/secret-patient-id/);
    });
  }

  it('gives up when the call exceeds its time budget', async () => {
    const server = await stub(() => ({ delayMs: 10_000, body: searchset([]) }));
    await expect(
      fhirKitRunner(server.url, undefined, { ...limits, timeoutMs: 200 }).run(
        conditions,
        'Condition?patient=p1',
      ),
    ).rejects.toThrow(/200 ms budget/);
  });

  it('spends one budget on all the reads of a call, not a budget on each', async () => {
    // Each page alone is well within the budget; the two together are not.
    const server = await stub((path) => {
      const base = servers[0]?.url ?? '';
      if (path.includes('page=2')) return { delayMs: 400, body: searchset([condition('c2')]) };
      return {
        delayMs: 400,
        body: searchset([condition('c1')], `${base}/Condition?patient=p1&page=2`),
      };
    });
    await expect(
      fhirKitRunner(server.url, undefined, { ...limits, timeoutMs: 600 }).run(
        conditions,
        'Condition?patient=p1',
      ),
    ).rejects.toThrow(/600 ms budget/);
  });

  it('sends no read once the budget has run out', async () => {
    // The first read has half a second to reach the server, even on a busy machine.
    const server = await stub(() => ({ delayMs: 1_500, body: searchset([]) }));
    const runner = fhirKitRunner(server.url, undefined, { ...limits, timeoutMs: 500 });
    await expect(runner.run(conditions, 'Condition?patient=p1')).rejects.toThrow(/500 ms budget/);
    await expect(runner.run(patientRead, 'Patient/p1')).rejects.toThrow(/500 ms budget/);
    expect(server.requests.map((r) => r.path)).toEqual(['/fhir/Condition?patient=p1']);
  });

  it('reports a server that cannot be reached', async () => {
    const server = await stub(() => ({ body: {} }));
    await server.close();
    servers = [];
    await expect(
      fhirKitRunner(server.url, undefined, limits).run(conditions, 'Condition?patient=p1'),
    ).rejects.toThrow(/could not be reached/);
  });

  // FHIR R4 Bundle.total: the number of matches of the whole search. An answer on one page that
  // declares more than it holds (a count: `total` and no entries) is not the patient's data.
  it('refuses a one-page search result that holds fewer results than its total declares', async () => {
    const server = await stub(() => ({
      body: { resourceType: 'Bundle', type: 'searchset', total: 4 },
    }));
    await expect(
      fhirKitRunner(server.url, 'token-123', limits).run(conditions, 'Condition?patient=p1'),
    ).rejects.toThrow(
      "the FHIR server's Condition search result holds 0 of the 4 results its total declares, and no next link",
    );
  });

  it('reads a search over several pages whatever its total says, as the data may move', async () => {
    const server = await stub((path) => {
      const base = servers[0]?.url ?? '';
      // Each page repeats the total of the whole search: the last holds fewer than it.
      if (path.includes('page=2')) return { body: { ...searchset([condition('c2')]), total: 2 } };
      return {
        body: { ...searchset([condition('c1')], `${base}/Condition?patient=p1&page=2`), total: 2 },
      };
    });
    const resources = await fhirKitRunner(server.url, 'token-123', limits).run(
      conditions,
      'Condition?patient=p1',
    );
    expect(resources.map((r) => r.resource.id)).toEqual(['c1', 'c2']);
  });

  // FHIR R4 §Search: a resource the server sends only in part (`_summary`, `_elements`) is
  // tagged SUBSETTED (v3-ObservationValue) so that it is not used as if whole (H108).
  const SUBSETTED = {
    tag: [
      { system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue', code: 'SUBSETTED' },
    ],
  };
  it('refuses a search result holding a Condition marked SUBSETTED', async () => {
    const server = await stub(() => ({
      body: searchset([condition('c1'), { ...condition('c2'), meta: SUBSETTED }]),
    }));
    await expect(
      fhirKitRunner(server.url, undefined, limits).run(conditions, 'Condition?patient=p1'),
    ).rejects.toThrow(
      /^the FHIR server's Condition search result holds a Condition marked SUBSETTED/,
    );
  });

  it('refuses a search whose later page holds a Condition marked SUBSETTED', async () => {
    const server = await stub((path) => {
      const base = servers[0]?.url ?? '';
      if (path.includes('page=2'))
        return { body: searchset([{ ...condition('c2'), meta: SUBSETTED }]) };
      return { body: searchset([condition('c1')], `${base}/Condition?patient=p1&page=2`) };
    });
    await expect(
      fhirKitRunner(server.url, undefined, limits).run(conditions, 'Condition?patient=p1'),
    ).rejects.toThrow(/marked SUBSETTED/);
  });

  it('refuses a read answered with a resource marked SUBSETTED', async () => {
    const studyRead: DataNeed = {
      key: 'study',
      template: 'ImagingStudy/{{context.imagingStudyId}}',
      resourceType: 'ImagingStudy',
      interaction: 'read',
      isRequired: true,
      gap: undefined,
    };
    const server = await stub(() => ({
      body: {
        resourceType: 'ImagingStudy',
        id: 's1',
        meta: SUBSETTED,
        status: 'available',
        subject: { reference: 'Patient/p1' },
      },
    }));
    await expect(
      fhirKitRunner(server.url, undefined, limits).run(studyRead, 'ImagingStudy/s1'),
    ).rejects.toThrow(
      "the FHIR server's answer to the ImagingStudy read holds an ImagingStudy marked SUBSETTED",
    );
  });

  it('reads a search result whose only SUBSETTED resource is an included Patient', async () => {
    const server = await stub(() => ({
      body: {
        ...searchset([condition('c1')]),
        entry: [
          { resource: condition('c1') },
          {
            resource: { resourceType: 'Patient', id: 'p1', meta: SUBSETTED },
            search: { mode: 'include' },
          },
        ],
      },
    }));
    const resources = await fhirKitRunner(server.url, undefined, limits).run(
      conditions,
      'Condition?patient=p1',
    );
    expect(resources.map((r) => r.resource.id)).toEqual(['c1', 'p1']);
  });

  // The Bundle is a resource too: tagged SUBSETTED itself, it is the page that was sent in part
  // (entries may be missing), whatever its entries say (H108).
  it('refuses a search result whose Bundle itself is marked SUBSETTED', async () => {
    const server = await stub(() => ({
      body: { ...searchset([condition('c1')]), meta: SUBSETTED },
    }));
    await expect(
      fhirKitRunner(server.url, undefined, limits).run(conditions, 'Condition?patient=p1'),
    ).rejects.toThrow(
      /^the FHIR server's Condition search result is itself marked SUBSETTED \(Bundle\.meta\.tag\)/,
    );
  });

  it('refuses a search whose later page is a Bundle marked SUBSETTED (STU3 system)', async () => {
    const stu3 = {
      tag: [{ system: 'http://hl7.org/fhir/v3/ObservationValue', code: 'SUBSETTED' }],
    };
    const server = await stub((path) => {
      const base = servers[0]?.url ?? '';
      if (path.includes('page=2')) return { body: { ...searchset([condition('c2')]), meta: stu3 } };
      return { body: searchset([condition('c1')], `${base}/Condition?patient=p1&page=2`) };
    });
    await expect(
      fhirKitRunner(server.url, undefined, limits).run(conditions, 'Condition?patient=p1'),
    ).rejects.toThrow(/is itself marked SUBSETTED/);
  });

  it('reads a search result whose Bundle has another tag, or SUBSETTED under another system', async () => {
    const server = await stub(() => ({
      body: {
        ...searchset([condition('c1')]),
        meta: {
          tag: [
            { system: 'http://example.org/tags', code: 'SUBSETTED' },
            { system: 'http://terminology.hl7.org/CodeSystem/common-tags', code: 'actionable' },
          ],
        },
      },
    }));
    const resources = await fhirKitRunner(server.url, undefined, limits).run(
      conditions,
      'Condition?patient=p1',
    );
    expect(resources.map((r) => r.resource.id)).toEqual(['c1']);
  });

  it('treats a malformed search result as a failure', async () => {
    const server = await stub(() => ({
      body: searchset([
        { resourceType: 'Condition', subject: { reference: 'Patient/p1' }, code: 'C90.00' },
      ]),
    }));
    await expect(
      fhirKitRunner(server.url, undefined, limits).run(conditions, 'Condition?patient=p1'),
    ).rejects.toThrow(/entry\[0\]\.resource is not valid/);
  });

  it('leaves out a malformed result only when the caller says it may, told where', async () => {
    const legacy = { ...condition('legacy'), clinicalStatus: 1 };
    const server = await stub(() => ({ body: searchset([condition('c1'), legacy]) }));
    const asked: string[] = [];
    const leaveOut = (resource: unknown, problem: string) => {
      asked.push(problem);
      return (resource as { id?: string }).id === 'legacy';
    };
    const resources = await fhirKitRunner(server.url, undefined, limits).run(
      conditions,
      'Condition?patient=p1',
      undefined,
      leaveOut,
    );
    expect(resources.map((r) => r.resource.id)).toEqual(['c1']);
    expect(asked).toEqual([
      'entry[1].resource is not valid (clinicalStatus: Invalid input: expected object, received number)',
    ]);
    await expect(
      fhirKitRunner(server.url, undefined, limits).run(
        conditions,
        'Condition?patient=p1',
        undefined,
        () => false,
      ),
    ).rejects.toThrow(/entry\[1\]\.resource is not valid/);
  });

  // CDS Hooks 2.0 §Prefetch asks for OperationOutcomes to be looked for; FHIR R4 search-entry-mode
  // gives an `outcome` entry information or warnings only. A page half-way that reports an error
  // is incomplete data: never fewer resources.
  it('fails a search when a later page reports an error in an outcome entry', async () => {
    const server = await stub((path) => {
      if (!path.includes('page=2'))
        return { body: searchset([condition('c1')], 'Condition?patient=p1&page=2') };
      return {
        body: {
          resourceType: 'Bundle',
          type: 'searchset',
          entry: [
            {
              resource: {
                resourceType: 'OperationOutcome',
                issue: [{ severity: 'error', code: 'timeout', diagnostics: 'secret-patient-id' }],
              },
              search: { mode: 'outcome' },
            },
          ],
        },
      };
    });
    const failure = fhirKitRunner(server.url, undefined, limits).run(
      conditions,
      'Condition?patient=p1',
    );
    await expect(failure).rejects.toThrow(
      "the FHIR server's Condition search result is a page whose entry[0].resource is an OperationOutcome reporting an error (the search did not complete)",
    );
    await expect(failure).rejects.not.toThrow(/secret-patient-id/);
    expect(server.requests).toHaveLength(2);
  });

  it('fails a search the server answers with a history Bundle', async () => {
    const server = await stub(() => ({
      body: { resourceType: 'Bundle', type: 'history', entry: [{ resource: condition('c1') }] },
    }));
    await expect(
      fhirKitRunner(server.url, undefined, limits).run(conditions, 'Condition?patient=p1'),
    ).rejects.toThrow(/a history Bundle, not a search's result/);
  });

  // H131, FHIR R4 bdl-5: an entry "must be a resource unless there's a request or response". A
  // result without one stands for a Condition not sent: read past, one the patient lacks.
  it('fails a search whose page holds a match entry with no resource, naming no id', async () => {
    const server = await stub(() => ({
      body: {
        resourceType: 'Bundle',
        type: 'searchset',
        entry: [
          { resource: condition('c1'), search: { mode: 'match' } },
          { fullUrl: 'http://ehr.example/fhir/Condition/secret-c2', search: { mode: 'match' } },
        ],
      },
    }));
    const failure = fhirKitRunner(server.url, undefined, limits).run(
      conditions,
      'Condition?patient=p1',
    );
    await expect(failure).rejects.toThrow(
      "the FHIR server's Condition search result is entry[1] is a search result with no resource (FHIR R4 bdl-5): the resource it stands for was not sent",
    );
    await expect(failure).rejects.not.toThrow(/secret/);
  });

  it('fails a search the server answers with a batch-response whose entries hold nothing', async () => {
    const server = await stub(() => ({
      body: {
        resourceType: 'Bundle',
        type: 'batch-response',
        entry: [{ response: { status: '200 OK', location: 'Condition/secret-c1/_history/1' } }],
      },
    }));
    const failure = fhirKitRunner(server.url, undefined, limits).run(
      conditions,
      'Condition?patient=p1',
    );
    await expect(failure).rejects.toThrow(/entry\[0\] holds a response and no resource/);
    await expect(failure).rejects.not.toThrow(/secret/);
  });

  // FHIR R4 IssueType `incomplete`: "Not all data sources typically accessed could be reached
  // or responded in time, so the returned information might not be complete".
  it('fails a search whose later page says in a warning that it may be incomplete', async () => {
    const server = await stub((path) => {
      if (!path.includes('page=2'))
        return { body: searchset([condition('c1')], 'Condition?patient=p1&page=2') };
      return {
        body: {
          resourceType: 'Bundle',
          type: 'searchset',
          entry: [
            { resource: condition('c2'), search: { mode: 'match' } },
            {
              resource: {
                resourceType: 'OperationOutcome',
                issue: [{ severity: 'warning', code: 'incomplete', diagnostics: 'secret-c3' }],
              },
              search: { mode: 'outcome' },
            },
          ],
        },
      };
    });
    const failure = fhirKitRunner(server.url, undefined, limits).run(
      conditions,
      'Condition?patient=p1',
    );
    await expect(failure).rejects.toThrow(
      "the FHIR server's Condition search result is a page whose entry[1].resource is an OperationOutcome saying the answer may be incomplete",
    );
    await expect(failure).rejects.not.toThrow(/secret/);
    expect(server.requests).toHaveLength(2);
  });

  it('reads a search whose include entry has no resource, and whose warning is of another type', async () => {
    const server = await stub(() => ({
      body: {
        resourceType: 'Bundle',
        type: 'searchset',
        entry: [
          { resource: condition('c1'), search: { mode: 'match' } },
          { fullUrl: 'http://ehr.example/fhir/Patient/p1', search: { mode: 'include' } },
          {
            resource: {
              resourceType: 'OperationOutcome',
              issue: [{ severity: 'warning', code: 'informational' }],
            },
            search: { mode: 'outcome' },
          },
        ],
      },
    }));
    const { ids, said } = await readCountingWithheld(server);
    expect(ids).toEqual(['c1']);
    expect(said).toBe(0);
  });

  // H131, FHIR R4 IssueType `suppressed`: "not returned due to business rules, consent or
  // privacy rules, or access permission constraints". Read, and said, on any page.
  it('reads a search whose later page says results were withheld, and says so', async () => {
    const server = await stub((path) => {
      if (!path.includes('page=2'))
        return { body: searchset([condition('c1')], 'Condition?patient=p1&page=2') };
      return {
        body: {
          resourceType: 'Bundle',
          type: 'searchset',
          entry: [
            { resource: condition('c2'), search: { mode: 'match' } },
            {
              resource: {
                resourceType: 'OperationOutcome',
                issue: [{ severity: 'warning', code: 'suppressed', diagnostics: 'secret-c3' }],
              },
              search: { mode: 'outcome' },
            },
          ],
        },
      };
    });
    const { ids, said } = await readCountingWithheld(server);
    expect(ids).toEqual(['c1', 'c2']);
    expect(said).toBe(1);
  });

  it("says results were withheld when the client's first page it continues said so", async () => {
    const server = await stub(() => ({ body: searchset([condition('c2')]) }));
    const { ids, said } = await readCountingWithheld(server, {
      resources: [{ resource: condition('c1') }],
      next: `${server.url}/Condition?page=2`,
      withheld: true,
    });
    expect(ids).toEqual(['c1', 'c2']);
    expect(said).toBe(1);
  });

  it("does not say so when that first page's next link is gone and the search runs afresh", async () => {
    const server = await stub((path) =>
      path.includes('page=2')
        ? { status: 410, body: { resourceType: 'OperationOutcome', issue: [] } }
        : { body: searchset([condition('c1'), condition('c2')]) },
    );
    const { ids, said } = await readCountingWithheld(server, {
      resources: [{ resource: condition('from-the-client') }],
      next: `${server.url}/Condition?page=2`,
      withheld: true,
    });
    expect(ids).toEqual(['c1', 'c2']);
    expect(said).toBe(0);
  });

  // A proxy's or a login page's HTML with 200: the reason must not read as a success.
  it('says a 200 whose body is not JSON is not JSON', async () => {
    const server = await stub(() => ({
      text: '<html><body>Please sign in</body></html>',
      headers: { 'content-type': 'text/html' },
    }));
    await expect(
      fhirKitRunner(server.url, undefined, limits).run(conditions, 'Condition?patient=p1'),
    ).rejects.toThrow(
      'the FHIR server answered the Condition search with a body that is not JSON (HTTP 200)',
    );
  });

  it('reads a resource, and treats 404 as no data', async () => {
    const server = await stub((path) =>
      path.endsWith('/p1')
        ? { body: { resourceType: 'Patient', id: 'p1' } }
        : { status: 404, body: { resourceType: 'OperationOutcome', issue: [] } },
    );
    const runner = fhirKitRunner(server.url, undefined, limits);
    expect((await runner.run(patientRead, 'Patient/p1')).map((r) => r.resource.id)).toEqual(['p1']);
    expect(await runner.run(patientRead, 'Patient/p2')).toEqual([]);
  });
});

// RFC 3986 §3.4: a query is pchar / "/" / "?"; `|`, `"`, `<`, `>`, `[`, `]`, `^`, `{`, `}`,
// `\`, a space or a non-ASCII letter must be percent-encoded (Tomcat refuses them raw).
describe('the query on the wire', () => {
  const reports: DataNeed = {
    key: 'reports',
    template:
      'DiagnosticReport?patient={{context.patientId}}&category=http://terminology.hl7.org/CodeSystem/v2-0074|RAD',
    resourceType: 'DiagnosticReport',
    interaction: 'search',
    isRequired: false,
    gap: undefined,
  };

  it("sends a token search's `|` percent-encoded, on the first page and on a next link", async () => {
    const server = await stub((path) => {
      if (path.includes('page=2')) return { body: searchset([]) };
      const next = `${servers[0]?.url ?? ''}/DiagnosticReport?code=http://loinc.org|24590-2&page=2`;
      return { body: searchset([], next) };
    });
    await fhirKitRunner(server.url, undefined, limits).run(
      reports,
      'DiagnosticReport?patient=p1&category=http://terminology.hl7.org/CodeSystem/v2-0074|RAD,http://loinc.org|LP29684-5',
    );
    expect(server.requests.map((r) => r.path)).toEqual([
      '/fhir/DiagnosticReport?patient=p1&category=http://terminology.hl7.org/CodeSystem/v2-0074%7CRAD,http://loinc.org%7CLP29684-5',
      '/fhir/DiagnosticReport?code=http://loinc.org%7C24590-2&page=2',
    ]);
  });

  it.each([
    ['Condition?code=a|b', 'Condition?code=a%7Cb'],
    ['Condition?code=a%7Cb', 'Condition?code=a%7Cb'],
    ['Condition?code:text=bone marrow', 'Condition?code:text=bone%20marrow'],
    ['Condition?code:text=Plasmozytom Rücken', 'Condition?code:text=Plasmozytom%20R%C3%BCcken'],
    ['Condition?x="<>[]^`{}\\', 'Condition?x=%22%3C%3E%5B%5D%5E%60%7B%7D%5C'],
    ["Condition?a=-._~!$&'()*+,;=:@/?", "Condition?a=-._~!$&'()*+,;=:@/?"],
    ['http://[::1]:8080/fhir/Condition?code=a|b', 'http://[::1]:8080/fhir/Condition?code=a%7Cb'],
    ['Patient/p1', 'Patient/p1'],
  ])('%s goes as %s', (url, wire) => {
    expect(withQueryEncoded(url)).toBe(wire);
  });
});

// docs/security.md §2.3: FHIR reads go to the allowlisted fhirServer only. fetch would follow a
// redirect and use what the other URL answers (with the token, within the origin).
describe('a redirect from the FHIR server', () => {
  for (const status of [301, 302, 307, 308])
    for (const [where, location] of [
      ['elsewhere on the same host', (base: string) => `${base}/../outside/Condition`],
      ['to another host', () => 'http://192.0.2.1/fhir/Condition'],
    ] as const)
      it(`is not followed: HTTP ${String(status)} ${where} fails the read, and nothing else is asked`, async () => {
        const server = await stub((path) =>
          path.startsWith('/fhir/Condition')
            ? { status, headers: { location: location(servers[0]?.url ?? '') } }
            : { body: searchset([condition('stolen')]) },
        );
        await expect(
          fhirKitRunner(server.url, 'token-123', limits).run(conditions, 'Condition?patient=p1'),
        ).rejects.toThrow(
          `the FHIR server answered the Condition search with a redirect (HTTP ${String(status)}), which is not followed`,
        );
        expect(server.requests.map((r) => r.path)).toEqual(['/fhir/Condition?patient=p1']);
      });
});
