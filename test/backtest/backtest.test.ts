/**
 * `emd-cds backtest` over the example patients (issue #17): exported as NDJSON (plain and
 * gzip) and read from the local FHIR server, the per-rule counts equal the scenario table's
 * (./expected-counts.ts). The CLI runs as a user runs it, worker threads and DuckDB included.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startExampleFhirServer } from '../../bench/services.js';
import {
  examplePatientCount,
  expectedImagingReview,
  expectedPatientView,
  type ExpectedRule,
} from './expected-counts.js';
import { writeExampleExport } from './export-examples.js';
import { removeScratch, runCli, scratch } from './run-cli.js';
import { LOADS_OR_LINKS } from './self-contained.js';

const NOW = '2026-11-01T00:00:00Z';
/** Spawning tsx, two worker threads and DuckDB on a shared 2-core machine takes a while. */
const CLI_TIMEOUT_MS = 120_000;

interface Report {
  patients: number;
  myelomaPatients: number;
  rules: Record<
    string,
    ExpectedRule & { cardsPer1000: number; patientKeys?: string[]; patientIds?: string[] }
  >;
  input: { patientsNotRead: string[]; malformedLines: number; withoutPatient: number };
  codesNotRead?: { patients: number };
  compared?: Report & { configFile?: string };
}

/** The counts of every rule the report lists, rules without a card included (as zeros). */
function counts(report: Report): Record<string, ExpectedRule> {
  return Object.fromEntries(
    Object.entries(report.rules)
      .filter(([, rule]) => rule.cards > 0)
      .map(([id, r]) => [id, { patients: r.patients, byIndicator: r.byIndicator, cards: r.cards }]),
  );
}

async function backtest(args: string[], env?: Record<string, string>): Promise<Report> {
  const run = await runCli(['backtest', ...args, '--now', NOW, '--json'], env);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout) as Report;
}

const folder = (gzip: boolean) => {
  const dir = scratch('emd-cds-export-');
  writeExampleExport(dir, { gzip });
  return dir;
};

describe('emd-cds backtest of the example patients', { timeout: CLI_TIMEOUT_MS }, () => {
  afterAll(removeScratch);

  it('gives the scenario table per rule from a plain NDJSON export, keys pseudonymous', async () => {
    const report = await backtest([folder(false)]);
    expect(report.patients).toBe(examplePatientCount());
    expect(counts(report)).toEqual(expectedPatientView());
    const keys = Object.values(report.rules).flatMap((r) => r.patientKeys ?? []);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(key).toMatch(/^[\w-]{43}$/);
    expect(report.rules['emd-cns']?.patientIds).toBeUndefined();
  });

  it('gives the same from a gzip export, with patient ids under --show-ids, and writes --html', async () => {
    const html = join(scratch('emd-cds-html-'), 'report.html');
    const report = await backtest([folder(true), '--show-ids', '--html', html]);
    expect(counts(report)).toEqual(expectedPatientView());
    // The scenario table's two leptomeningeal rows (test/examples-expected.ts).
    expect(report.rules['emd-leptomeningeal']?.patientIds).toEqual([
      'leptomeningeal-with-cns',
      'unconfirmed-leptomeningeal',
    ]);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('<svg');
    // Self-contained: no script, nothing fetched or linked (code system URIs as text are fine).
    expect(page).not.toMatch(LOADS_OR_LINKS);
  });

  it('with --compare <config>, evaluates the same patients under both configurations', async () => {
    // Rules page §4: emd-paraskeletal is the least of the plasmacytoma rules; switched off
    // (config `enabled: false`) it gives no card, and the graver rules' counts stay as in the
    // scenario table (switching off a lesser rule never quiets a graver one).
    const dir = scratch('emd-cds-compare-');
    const off = join(dir, 'paraskeletal-off.yaml');
    writeFileSync(off, 'rules:\n  emd-paraskeletal:\n    enabled: false\n');
    const html = join(dir, 'report.html');
    const export_ = folder(false);
    const report = await backtest([export_, '--compare', off, '--html', html]);
    const { 'emd-paraskeletal': paraskeletal, ...others } = expectedPatientView();
    expect(paraskeletal?.patients).toBeGreaterThan(0);
    expect(counts(report)).toEqual(expectedPatientView());
    expect(report.compared?.configFile).toBe(off);
    expect(report.compared?.patients).toBe(examplePatientCount());
    expect(counts(report.compared as Report)).toEqual(others);
    expect(readFileSync(html, 'utf8')).toContain(`Against ${off}`);

    // The terminal table says what changed, the rule marked switched off before and on now;
    // an earlier --json report compares the same way,
    // even one written before reports counted the codes not read ("–" before).
    const earlier = join(dir, 'earlier.json');
    const { codesNotRead, ...older } = report.compared ?? ({} as Report);
    expect(codesNotRead).toBeDefined();
    writeFileSync(earlier, JSON.stringify(older));
    for (const against of [off, earlier]) {
      const table = await runCli(['backtest', export_, '--now', NOW, '--compare', against]);
      expect(table.status).toBe(0);
      expect(table.stdout).toContain(`against ${off}`);
      expect(table.stdout).toMatch(
        new RegExp(
          `emd-paraskeletal \\(off → live\\): 0 → ${String(paraskeletal?.patients)} \\(\\+${String(paraskeletal?.patients)}\\)`,
        ),
      );
      // Switching a rule off reads no code differently: the same count before and now.
      expect(table.stdout).toMatch(
        against === earlier
          ? /patients with a diagnosis whose code no value set reads: – → \d+\n/
          : /patients with a diagnosis whose code no value set reads: (\d+) → \1 \(0\)\n/,
      );
    }
  });

  it('refuses a --compare file that is neither a configuration nor a report (exit 2)', async () => {
    const bad = join(scratch('emd-cds-compare-'), 'bad.yaml');
    writeFileSync(bad, 'rules:\n  emd-no-such-rule:\n    enabled: false\n');
    const run = await runCli(['backtest', folder(false), '--compare', bad]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      `--compare ${bad}: neither a configuration nor a backtest --json report`,
    );
    expect(run.stderr).toContain('emd-no-such-rule');
  });

  it('refuses a --compare file saved as UTF-16, saying to save it as UTF-8 (exit 2)', async () => {
    // As every file a site edits (docs/configuring.md): Notepad's "Unicode" is UTF-16.
    const utf16 = join(scratch('emd-cds-compare-'), 'utf16.yaml');
    writeFileSync(
      utf16,
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('rules: {}\n', 'utf16le')]),
    );
    const run = await runCli(['backtest', folder(false), '--compare', utf16]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`--compare ${utf16}: is saved as UTF-16`);
    expect(run.stderr).toContain('save it as UTF-8');
  });

  it('counts one imaging-review call per study for --hook imaging-review', async () => {
    const report = await backtest([folder(true), '--hook', 'imaging-review']);
    expect(counts(report)).toEqual(expectedImagingReview());
  });

  it(
    'gives the same from the local FHIR server (Patient pages, then each patient)',
    { timeout: 120_000 },
    async () => {
      // A FHIR server of its own: other test files add patients to the shared one.
      const fhir = await startExampleFhirServer();
      const server = fhir.url;
      const report = await backtest([server], { FHIR_SERVERS: server }).finally(fhir.close);
      expect(report.input.patientsNotRead).toEqual([]);
      expect(report.patients).toBe(examplePatientCount());
      expect(counts(report)).toEqual(expectedPatientView());
    },
  );
});
