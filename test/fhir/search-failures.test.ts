/**
 * CDS Hooks 2.0 §Prefetch: "CDS Services SHOULD check any prefetched data for the existence of
 * OperationOutcomes". A search page that reports an error, in an entry or in an entry's
 * `response`, is a page not had, never a page with fewer data; FHIR R4 search-entry-mode: an
 * `outcome` entry otherwise carries "information or warning" only, which is not data and not
 * a failure, unless it says results were withheld or may be incomplete (H131). A `history`
 * Bundle is not a search's result: it lists deleted and past versions. A result entry with no
 * resource is a result not sent (FHIR R4 bdl-5, H131).
 */
import { describe, expect, it } from 'vitest';
import { parseSearchPage } from '../../src/fhir/parse-fhir-data.js';

const condition = {
  resourceType: 'Condition',
  id: 'c1',
  subject: { reference: 'Patient/p1' },
  code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'C90.00' }] },
};
const outcome = (severity: string, code = 'processing') => ({
  resourceType: 'OperationOutcome',
  issue: [{ severity, code, diagnostics: 'Patient/secret-patient-id: no access' }],
});
const page = (entries: object[], type = 'searchset') => ({
  resourceType: 'Bundle',
  type,
  entry: [{ resource: condition }, ...entries],
});

describe('a search page that reports an error is not had', () => {
  const failing: [string, object, string][] = [
    [
      'an OperationOutcome entry with an error, no search.mode',
      page([{ resource: outcome('error') }]),
      'a page whose entry[1].resource is an OperationOutcome reporting an error (the search did not complete)',
    ],
    [
      'an outcome entry with a fatal issue',
      page([{ resource: outcome('fatal'), search: { mode: 'outcome' } }]),
      'a page whose entry[1].resource is an OperationOutcome reporting an error (the search did not complete)',
    ],
    [
      'an entry whose response status is 500',
      page([{ response: { status: '500', outcome: outcome('error') } }], 'batch-response'),
      'a page whose entry[1].response reports a failure (HTTP 500)',
    ],
    [
      'an entry whose response status is "403 Forbidden"',
      page([{ response: { status: '403 Forbidden' } }], 'batch-response'),
      'a page whose entry[1].response reports a failure (HTTP 403)',
    ],
    [
      'an entry whose response outcome reports an error',
      page([{ response: { status: '200 OK', outcome: outcome('error') } }], 'batch-response'),
      'a page whose entry[1].response.outcome reports an error',
    ],
    [
      'a history Bundle',
      page([], 'history'),
      "a history Bundle, not a search's result (it holds deleted and past versions)",
    ],
    // H131, FHIR R4 IssueType `incomplete`: "the returned information might not be complete".
    [
      'an outcome entry whose information says the answer may be incomplete',
      page([{ resource: outcome('information', 'incomplete'), search: { mode: 'outcome' } }]),
      'a page whose entry[1].resource is an OperationOutcome saying the answer may be incomplete (issue type incomplete: not every data source answered)',
    ],
    [
      'an entry whose response.outcome says the answer may be incomplete',
      page(
        [{ response: { status: '200 OK', outcome: outcome('warning', 'incomplete') } }],
        'batch-response',
      ),
      'a page whose entry[1].response.outcome is an OperationOutcome saying the answer may be incomplete (issue type incomplete: not every data source answered)',
    ],
    // H131, FHIR R4 bdl-5: an entry "must be a resource unless there's a request or response".
    [
      'a match entry carrying only its fullUrl',
      page([
        {
          fullUrl: 'https://ehr.example/fhir/Condition/secret-patient-id-pc',
          search: { mode: 'match' },
        },
      ]),
      'entry[1] is a search result with no resource (FHIR R4 bdl-5): the resource it stands for was not sent',
    ],
    [
      'an entry with no resource and no search mode',
      page([{}]),
      'entry[1] is a search result with no resource (FHIR R4 bdl-5): the resource it stands for was not sent',
    ],
    [
      'a batch-response entry holding only its response',
      page(
        [{ response: { status: '200 OK', location: 'Condition/secret-patient-id-pc/_history/1' } }],
        'batch-response',
      ),
      "entry[1] holds a response and no resource (a batch's or transaction's answer names what it read, not its data)",
    ],
    [
      'a batch entry holding only its request (a batch not run)',
      page([{ request: { method: 'GET', url: 'Condition?patient=secret-patient-id' } }], 'batch'),
      "entry[1] holds a request and no resource (a batch's or transaction's request, not its answer)",
    ],
  ];
  // H131: a batch's or transaction's answer holds one entry per request it ran (FHIR R4
  // Bundle): with none it answers no search, and read as one it is a patient with no Conditions.
  for (const type of ['batch-response', 'transaction-response'])
    it(`refuses a ${type} with no entries`, () => {
      expect(parseSearchPage({ resourceType: 'Bundle', type, entry: [] })).toEqual({
        ok: false,
        problem: `a ${type} with no entries, not a search's result (it answers no request)`,
      });
      expect(parseSearchPage({ resourceType: 'Bundle', type }).ok).toBe(false);
    });

  it('reads an empty searchset or collection as no results', () => {
    for (const type of ['searchset', 'collection']) {
      const parsed = parseSearchPage({ resourceType: 'Bundle', type, entry: [] });
      expect(parsed.ok && parsed.value.resources).toEqual([]);
    }
  });

  for (const [name, bundle, problem] of failing) {
    it(`refuses a page with ${name}, saying where and never what the server wrote`, () => {
      const parsed = parseSearchPage(bundle);
      expect(parsed).toEqual({ ok: false, problem });
      expect(JSON.stringify(parsed)).not.toContain('secret-patient-id');
    });
  }
});

describe('what is not a failure', () => {
  const reading: [string, object][] = [
    [
      'an outcome entry with a warning',
      page([{ resource: outcome('warning'), search: { mode: 'outcome' } }]),
    ],
    [
      'an outcome entry with information',
      page([{ resource: outcome('information'), search: { mode: 'outcome' } }]),
    ],
    ['a batch-response entry answered 200 OK', page([], 'batch-response')],
    ['a collection', page([], 'collection')],
    [
      'an outcome entry whose warning is of another issue type',
      page([{ resource: outcome('warning', 'informational'), search: { mode: 'outcome' } }]),
    ],
    ['an include entry with no resource', page([{ search: { mode: 'include' } }])],
    ['an outcome entry with no resource', page([{ search: { mode: 'outcome' } }])],
  ];
  for (const [name, bundle] of reading) {
    it(`reads the Condition of a page with ${name}`, () => {
      const parsed = parseSearchPage(bundle);
      expect(parsed.ok && parsed.value.resources.map((r) => r.resource.id)).toEqual(['c1']);
    });
  }

  it('reads the Condition of a batch-response entry answered "201 Created"', () => {
    const bundle = {
      resourceType: 'Bundle',
      type: 'batch-response',
      entry: [{ resource: condition, response: { status: '201 Created' } }],
    };
    const parsed = parseSearchPage(bundle);
    expect(parsed.ok && parsed.value.resources.map((r) => r.resource.id)).toEqual(['c1']);
  });
});

// H131: FHIR R4 IssueType `suppressed`, "not returned due to business rules, consent or
// privacy rules, or access permission constraints", at any severity that does not fail the
// search: the page is read, and says that results were withheld, so the trace can say so.
describe('a page whose server says it withheld results', () => {
  const withheld: [string, object][] = [
    [
      'an outcome entry with a suppressed warning',
      page([{ resource: outcome('warning', 'suppressed'), search: { mode: 'outcome' } }]),
    ],
    [
      'an outcome entry with suppressed information',
      page([{ resource: outcome('information', 'suppressed'), search: { mode: 'outcome' } }]),
    ],
    [
      'an outcome entry whose second issue is suppressed',
      page([
        {
          resource: {
            resourceType: 'OperationOutcome',
            issue: [
              { severity: 'information', code: 'informational' },
              { severity: 'warning', code: 'suppressed', diagnostics: 'secret-patient-id' },
            ],
          },
          search: { mode: 'outcome' },
        },
      ]),
    ],
    [
      'an entry whose response.outcome is a suppressed warning',
      page(
        [
          {
            resource: { ...condition, id: 'c2' },
            response: { status: '200 OK', outcome: outcome('warning', 'suppressed') },
          },
        ],
        'batch-response',
      ),
    ],
  ];
  for (const [name, bundle] of withheld)
    it(`reads the page with ${name}, saying results were withheld and not what was written`, () => {
      const parsed = parseSearchPage(bundle);
      expect(parsed.ok && parsed.value.withheld).toBe(true);
      expect(parsed.ok && parsed.value.resources[0]?.resource.id).toBe('c1');
      expect(JSON.stringify(parsed)).not.toContain('secret-patient-id');
    });

  const notWithheld: [string, object][] = [
    ['no outcome entry', page([])],
    [
      'an outcome entry whose warning is informational',
      page([{ resource: outcome('warning', 'informational'), search: { mode: 'outcome' } }]),
    ],
    [
      'an outcome entry whose warning is too-costly',
      page([{ resource: outcome('warning', 'too-costly'), search: { mode: 'outcome' } }]),
    ],
    [
      'an entry whose response.outcome is a too-costly warning',
      page(
        [
          {
            resource: { ...condition, id: 'c2' },
            response: { status: '200 OK', outcome: outcome('warning', 'too-costly') },
          },
        ],
        'batch-response',
      ),
    ],
  ];
  for (const [name, bundle] of notWithheld)
    it(`says nothing was withheld for a page with ${name}`, () => {
      const parsed = parseSearchPage(bundle);
      expect(parsed.ok && parsed.value.withheld).toBe(false);
    });
});
