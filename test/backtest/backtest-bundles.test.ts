/**
 * `emd-cds backtest <folder of FHIR Bundles>`: the example patients' own folder
 * (fhir-resources/examples/, transaction Bundles with urn:uuid references) and the same
 * patients as searchset Bundles, one per resource type, give the scenario table's counts
 * (./expected-counts.ts), each Bundle's resources grouped by patient as an export's are. A
 * file or entry that cannot be read is named, skipped and counted, never aborting the run.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PATHS } from '../../src/config/project-paths.js';
import { examplePatientCount, expectedPatientView, type ExpectedRule } from './expected-counts.js';
import { exampleResourcesByType } from './export-examples.js';
import { removeScratch, runCli, scratch } from './run-cli.js';

const NOW = '2026-11-01T00:00:00Z';
/** Spawning the CLI, its worker threads and DuckDB on a shared 2-core machine takes a while. */
const CLI_TIMEOUT_MS = 120_000;

interface Report {
  patients: number;
  rules: Record<string, ExpectedRule>;
  input: {
    malformedLines: number;
    malformed: { file: string; line?: number; entry?: number; problem: string }[];
  };
}

function counts(report: Report): Record<string, ExpectedRule> {
  return Object.fromEntries(
    Object.entries(report.rules)
      .filter(([, rule]) => rule.cards > 0)
      .map(([id, r]) => [id, { patients: r.patients, byIndicator: r.byIndicator, cards: r.cards }]),
  );
}

async function backtest(folder: string): Promise<Report> {
  const run = await runCli(['backtest', folder, '--now', NOW, '--json']);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout) as Report;
}

/** A myeloma patient of no example, and a Condition that would give them a critical card. */
const subject = { reference: 'Patient/deleted-records' };
const icd10cm = (code: string) => ({
  coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code }],
});
const deletedMyeloma = {
  resourceType: 'Condition',
  id: 'gone-mm',
  subject,
  code: icd10cm('C90.00'),
};
const deletedFinding = {
  resourceType: 'Condition',
  id: 'gone-lm',
  subject,
  code: icd10cm('C90.22'),
  bodySite: [{ coding: [{ system: 'http://snomed.info/sct', code: '1231004' }] }],
};

/** The two Conditions above as a Bundle of `type`, sent with the request methods given. */
const deletionBundle = (type: string, [mmMethod, findingMethod]: [string, string]) =>
  JSON.stringify({
    resourceType: 'Bundle',
    type,
    entry: [
      { resource: deletedMyeloma, request: { method: mmMethod, url: 'Condition/gone-mm' } },
      { resource: deletedFinding, request: { method: findingMethod, url: 'Condition/gone-lm' } },
    ],
  });

describe('emd-cds backtest of a folder of FHIR Bundles', { timeout: CLI_TIMEOUT_MS }, () => {
  afterAll(removeScratch);

  it('gives the scenario table from the example patients’ transaction Bundles', async () => {
    const report = await backtest(PATHS.examples);
    expect(report.patients).toBe(examplePatientCount());
    expect(counts(report)).toEqual(expectedPatientView());
    expect(report.input.malformedLines).toBe(0);
  });

  it('groups searchset Bundles by patient across files, and names what it skips', async () => {
    const dir = scratch('emd-cds-bundles-');
    // As a FHIR server answers one search per resource type: every patient's resources are
    // spread over the Bundles, references already `Type/id`.
    for (const [type, resources] of exampleResourcesByType()) {
      const bundle = {
        resourceType: 'Bundle',
        type: 'searchset',
        entry: resources.map((resource) => ({ resource, search: { mode: 'match' } })),
      };
      writeFileSync(join(dir, `${type}.json`), JSON.stringify(bundle));
    }
    writeFileSync(join(dir, 'a-cut-off.json'), '{"resourceType":"Bundle","type":"coll');
    writeFileSync(
      join(dir, 'b-history.json'),
      JSON.stringify({ resourceType: 'Bundle', type: 'history', entry: [] }),
    );
    writeFileSync(join(dir, 'c-patient.json'), JSON.stringify({ resourceType: 'Patient' }));
    writeFileSync(
      join(dir, 'd-collection.json'),
      JSON.stringify({
        resourceType: 'Bundle',
        type: 'collection',
        entry: [{ resource: { id: 'x' } }, { request: { method: 'DELETE', url: 'Condition/x' } }],
      }),
    );
    // H145: a history's entries relabelled a collection, its DELETE carrying the deleted
    // Condition; and a transaction's DELETEs, requests to run even with the resource in them
    // (one spelled in lower case). Nothing of either is read.
    writeFileSync(
      join(dir, 'f-relabelled-history.json'),
      deletionBundle('collection', ['PUT', 'DELETE']),
    );
    writeFileSync(
      join(dir, 'g-transaction.json'),
      deletionBundle('transaction', ['delete', 'DELETE']),
    );
    // H131: result entries that carry no resource leave the file short of data; an include
    // or outcome entry with none is nothing.
    writeFileSync(
      join(dir, 'e-searchset.json'),
      JSON.stringify({
        resourceType: 'Bundle',
        type: 'searchset',
        entry: [
          { fullUrl: 'https://ehr.example.org/fhir/Condition/gone', search: { mode: 'match' } },
          { search: { mode: 'include' } },
          { search: { mode: 'outcome' } },
          { response: { status: '200 OK', location: 'Condition/gone/_history/1' } },
        ],
      }),
    );
    const report = await backtest(dir);
    expect(report.patients).toBe(examplePatientCount());
    expect(counts(report)).toEqual(expectedPatientView());
    expect(report.input.malformedLines).toBe(7);
    expect(report.input.malformed).toEqual([
      { file: 'a-cut-off.json', problem: 'not JSON' },
      {
        file: 'b-history.json',
        problem:
          'a Bundle of history: only transaction, batch, collection, searchset Bundles are read',
      },
      { file: 'c-patient.json', problem: 'not a FHIR Bundle' },
      {
        file: 'd-collection.json',
        problem:
          "entry[1] records a deletion (request.method DELETE), as a history's entries do: the file is not read (a resource deleted would be read as live)",
      },
      {
        file: 'e-searchset.json',
        entry: 0,
        problem:
          'a search result with no resource (FHIR R4 bdl-5): the resource it stands for is not in the file',
      },
      {
        file: 'e-searchset.json',
        entry: 3,
        problem:
          "a response and no resource (a batch's or transaction's answer names what it read, not its data)",
      },
      {
        file: 'f-relabelled-history.json',
        problem:
          "entry[1] records a deletion (request.method DELETE), as a history's entries do: the file is not read (a resource deleted would be read as live)",
      },
    ]);
    const table = await runCli(['backtest', dir, '--now', NOW]);
    expect(table.stdout).toContain('  e-searchset.json entry[3]: a response and no resource');
  });

  it('exits 2 for a folder with neither NDJSON nor .json files', async () => {
    const dir = scratch('emd-cds-bundles-');
    writeFileSync(join(dir, 'README.md'), '# not data\n');
    const run = await runCli(['backtest', dir]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      `${dir}: no .ndjson or .ndjson.gz file (a FHIR Bulk Data export) and no .json file (FHIR Bundles)`,
    );
  });
});
