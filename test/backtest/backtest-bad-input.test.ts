/**
 * `emd-cds backtest` on bad input (issue #17): a missing folder or an unknown source is a
 * clear error with exit 2; a malformed NDJSON line is reported by file:line, skipped and
 * counted; resources without a patient reference are counted apart; a FHIR server failing
 * mid-run leaves the patients not read listed.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedPatientView } from './expected-counts.js';
import { exampleResourcesByType, writeExampleExport } from './export-examples.js';
import { removeScratch, runCli, scratch } from './run-cli.js';

const NOW = '2026-11-01T00:00:00Z';
const CLI_TIMEOUT_MS = 120_000;

describe('emd-cds backtest on bad input', { timeout: CLI_TIMEOUT_MS }, () => {
  afterAll(removeScratch);
  const missing = join(tmpdir(), 'emd-cds-no-such-export');
  const empty = scratch('emd-cds-empty-');
  for (const [source, message] of [
    [missing, `${missing}: no such folder`],
    [empty, `${empty}: no .ndjson or .ndjson.gz file`],
    ['ftp://example.org/export', 'ftp://example.org/export: unknown source'],
    ['https://fhir.example.org/r4', 'is not one this service is configured to call'],
  ] as const) {
    it(`exits 2 with a clear error for ${source}`, async () => {
      const run = await runCli(['backtest', source]);
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(message);
      expect(run.stdout).toBe('');
    });
  }

  it('reports malformed lines by file:line, skips them and still counts every patient', async () => {
    const dir = scratch('emd-cds-export-');
    const conditions = exampleResourcesByType().get('Condition')?.length ?? 0;
    writeExampleExport(dir, {
      gzip: false,
      extra: {
        Condition: [
          '{"resourceType":"Condition","id":"cut-off","subject":{"refer',
          '[1, 2]',
          '{"resourceType":"Condition","id":"orphan","code":{"text":"plasmacytoma"}}',
        ],
      },
    });
    const run = await runCli(['backtest', dir, '--now', NOW]);
    expect(run.status).toBe(0);
    const file = join(dir, 'Condition.ndjson');
    expect(run.stdout).toContain(`${file}:${String(conditions + 1)}: not JSON (skipped)`);
    expect(run.stdout).toContain(`${file}:${String(conditions + 2)}: not a JSON object (skipped)`);
    expect(run.stdout).toContain(
      'not counted: 2 malformed lines, 1 resources without a patient reference',
    );
    const json = await runCli(['backtest', dir, '--now', NOW, '--json']);
    const report = JSON.parse(json.stdout) as {
      rules: Record<string, { patients: number; cards: number }>;
      input: { malformedLines: number; withoutPatient: number };
    };
    expect(report.input).toMatchObject({ malformedLines: 2, withoutPatient: 1 });
    for (const [ruleId, expected] of Object.entries(expectedPatientView()))
      expect(report.rules[ruleId]?.patients, ruleId).toBe(expected.patients);
  });
});

/**
 * A FHIR server that lists two patients on its first Patient page and fails on the second
 * page, and whose Condition search fails for patient "b": a server failing mid-run.
 */
function failingFhirServer(): Promise<{ server: Server; url: string }> {
  const bundle = (entries: object[], next?: string) => ({
    resourceType: 'Bundle',
    type: 'searchset',
    entry: entries.map((resource) => ({ resource })),
    ...(next ? { link: [{ relation: 'next', url: next }] } : {}),
  });
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const send = (status: number, body: object) => {
      res.writeHead(status, { 'content-type': 'application/fhir+json' });
      res.end(JSON.stringify(body));
    };
    const base = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/fhir`;
    const patients = ['a', 'b'].map((id) => ({ resourceType: 'Patient', id }));
    if (url.pathname === '/fhir/Patient' && url.searchParams.get('page') === '2')
      send(500, { resourceType: 'OperationOutcome', issue: [] });
    else if (url.pathname === '/fhir/Patient')
      send(200, bundle(patients, `${base}/Patient?page=2`));
    else if (url.pathname.startsWith('/fhir/Patient/'))
      send(200, { resourceType: 'Patient', id: url.pathname.split('/').pop() });
    else if (url.pathname === '/fhir/Condition' && url.searchParams.get('patient') === 'b')
      send(503, { resourceType: 'OperationOutcome', issue: [] });
    else send(200, bundle([]));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      resolve({ server, url: `http://127.0.0.1:${String(port)}/fhir` });
    });
  });
}

describe(
  'emd-cds backtest of a FHIR server that fails mid-run',
  { timeout: CLI_TIMEOUT_MS },
  () => {
    let stub: { server: Server; url: string };
    beforeAll(async () => {
      stub = await failingFhirServer();
    });
    afterAll(() => {
      stub.server.close();
    });

    it('lists the patients not read and says the patient list is incomplete', async () => {
      const run = await runCli(['backtest', stub.url, '--now', NOW, '--json', '--show-ids'], {
        FHIR_SERVERS: stub.url,
      });
      expect(run.status).toBe(0);
      const report = JSON.parse(run.stdout) as {
        patients: number;
        input: { patientsNotRead: string[]; patientListIncomplete?: string };
      };
      expect(report.patients).toBe(1);
      expect(report.input.patientsNotRead).toEqual(['b']);
      expect(report.input.patientListIncomplete).toBe(
        'the FHIR server answered a Patient page with HTTP 500',
      );
    });
  },
);
