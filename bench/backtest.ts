/**
 * `npm run bench:backtest [-- --patients N] [-- --dir <export>]`: the backtest end to end
 * over a synthetic Bulk export (issue #17): DuckDB grouping, worker threads, report. The
 * export is written first when the folder holds none (not timed). Prints patients/s and the
 * process's peak RSS (main thread, workers and DuckDB share the process) against the
 * targets (≥ 1,000 patients/s, ≤ 1.5 GB), and writes bench/results/backtest-latest.json.
 * It reports; it never fails on a number.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openExportSource } from '../src/backtest/export-source.js';
import { runBacktest } from '../src/backtest/run-backtest.js';
import { writeSyntheticExport } from '../src/backtest/synthetic-export.js';
import { loadDefaultSettings } from '../src/config/load-settings.js';
import { parseScriptArgs } from '../tools/script-args.js';

const TARGET_RATE = 1_000;
const TARGET_RSS_BYTES = 1.5 * 1024 ** 3;
const NOW = new Date('2026-11-01T00:00:00Z');

const { values } = parseScriptArgs(
  'npm run bench:backtest -- [--patients 100000] [--dir <export>] [--memory 600MB]',
  {
    options: {
      patients: { type: 'string', default: '100000' },
      dir: { type: 'string' },
      memory: { type: 'string', default: '600MB' },
    },
  },
);
const patients = Number(values.patients);
const dir = values.dir ?? join(tmpdir(), `emd-cds-synthetic-${String(patients)}`);
if (!existsSync(dir) || readdirSync(dir).length === 0) {
  const started = performance.now();
  writeSyntheticExport({ patients, out: dir, seed: 1, now: NOW, gzip: false });
  console.log(`export written to ${dir} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

const started = performance.now();
const source = await openExportSource(dir, { memoryLimit: values.memory, threads: 2 });
const grouped = performance.now();
const report = await runBacktest(source, {
  hook: 'patient-view',
  now: NOW,
  configuration: { file: undefined, settings: loadDefaultSettings() },
  auditSecret: Buffer.alloc(32, 1),
});
const seconds = (performance.now() - started) / 1000;
const rate = report.patients / seconds;
// ru_maxrss is in kilobytes on Linux: the peak of the whole process, threads included.
const peakRss = process.resourceUsage().maxRSS * 1024;
const gb = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(2)} GB`;
const result = {
  date: new Date().toISOString(),
  machine: {
    cpus: cpus().length,
    model: cpus()[0]?.model,
    loadavg: loadavg(),
    workers: availableParallelism(),
  },
  patients: report.patients,
  resources: report.input.resources,
  myelomaPatients: report.myelomaPatients,
  seconds: { total: seconds, classify: (grouped - started) / 1000 },
  patientsPerSecond: rate,
  peakRssBytes: peakRss,
  rules: Object.fromEntries(Object.entries(report.rules).map(([id, r]) => [id, r.patients])),
};
console.log(
  [
    `backtest bench: ${report.patients.toLocaleString('en-US')} patients, ${report.input.resources.toLocaleString('en-US')} resources, ${String(report.myelomaPatients)} with myeloma`,
    `  classify (DuckDB read + parse) ${result.seconds.classify.toFixed(1)} s, total ${seconds.toFixed(1)} s`,
    `  rate      ${rate.toFixed(0)} patients/s   target ≥ ${String(TARGET_RATE)}: ${rate >= TARGET_RATE ? 'met' : 'NOT met'}`,
    `  peak RSS  ${gb(peakRss)}   target ≤ ${gb(TARGET_RSS_BYTES)}: ${peakRss <= TARGET_RSS_BYTES ? 'met' : 'NOT met'}`,
    `  load average at the end ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${String(cpus().length)} cores (shared machine)`,
  ].join('\n'),
);
const results = join(fileURLToPath(new URL('.', import.meta.url)), 'results');
mkdirSync(results, { recursive: true });
writeFileSync(join(results, 'backtest-latest.json'), `${JSON.stringify(result, null, 2)}\n`);
