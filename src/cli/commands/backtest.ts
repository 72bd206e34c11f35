/**
 * `emd-cds backtest <source>`: the alert burden the rules would cause over a population
 * (issue #17). Source: a FHIR Bulk Data export folder, a folder of FHIR Bundles or a FHIR
 * server base URL.
 */
import { writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { openFhirSource } from '../../backtest/fhir-source.js';
import { BACKTEST_HOOKS, type BacktestHook } from '../../backtest/backtest-hooks.js';
import type { BacktestReport } from '../../backtest/backtest-report.js';
import { openExportSource } from '../../backtest/export-source.js';
import { SourceError } from '../../backtest/ndjson-source.js';
import { progressOn } from '../../backtest/progress.js';
import { renderHtml } from '../../backtest/render-html.js';
import { renderTable } from '../../backtest/render-table.js';
import { changesAgainstReport } from '../../backtest/report-changes.js';
import {
  runBacktest,
  type BacktestConfiguration,
  type PatientSource,
} from '../../backtest/run-backtest.js';
import { loadAuditSecret } from '../../config/audit-secret.js';
import { serviceOptions } from '../../config/environment.js';
import { buildSettings } from '../../config/load-settings.js';
import { ConfigError } from '../../config/config-error.js';
import { parseConfigText } from '../../config/config-file.js';
import { readSiteText } from '../../config/data-files.js';
import { loadConfig } from '../config-option.js';
import { UsageError, type CliCommand } from '../usage.js';
import { USAGES } from '../usages.js';

export const backtestCommand: CliCommand = {
  usage: USAGES.backtest,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        hook: { type: 'string', default: 'patient-view' },
        now: { type: 'string' },
        config: { type: 'string' },
        json: { type: 'boolean', default: false },
        html: { type: 'string' },
        compare: { type: 'string' },
        'show-ids': { type: 'boolean', default: false },
        workers: { type: 'string' },
        memory: { type: 'string', default: '600MB' },
      },
    });
    const [location] = positionals;
    if (!location)
      throw new UsageError(
        'backtest needs a source: an export folder, a folder of FHIR Bundles or a FHIR base URL',
      );
    const hook = values.hook as BacktestHook;
    if (!BACKTEST_HOOKS.includes(hook))
      throw new UsageError(`--hook must be one of ${BACKTEST_HOOKS.join(', ')}`);
    const now = values.now ? new Date(values.now) : new Date();
    if (Number.isNaN(now.getTime())) throw new UsageError('--now must be an ISO date or date-time');
    const workers = values.workers === undefined ? undefined : Number(values.workers);
    if (workers !== undefined && !(Number.isInteger(workers) && workers > 0))
      throw new UsageError('--workers must be a positive whole number');
    const loaded = loadConfig(values.config);
    const settings = buildSettings(loaded.config, { file: loaded.file });
    const compare = values.compare ? readComparison(values.compare) : undefined;
    const options = serviceOptions(loaded.config, process.env);
    const source = await openSource(location, values.memory, options, settings.services);
    const progress = progressOn(process.stderr);
    const report = await runBacktest(source, {
      hook,
      now,
      configuration: { file: loaded.file, settings },
      compareWith: compare?.kind === 'config' ? compare.configuration : undefined,
      auditSecret: values['show-ids']
        ? undefined
        : loadAuditSecret(options.audit.secret, options.audit.secretFile),
      workers,
      onProgress: (done, total) => {
        progress.update(done, total);
      },
    });
    progress.end();
    const before = compare?.kind === 'report' ? compare.report : report.compared;
    // Against an earlier report, who changed is read from the two reports' patient lists.
    const shown =
      compare?.kind === 'report'
        ? { ...report, changedPatients: changesAgainstReport(report, compare.report) }
        : report;
    if (values.html) writeFileSync(values.html, renderHtml(shown, before));
    if (values.json) console.log(JSON.stringify(shown, null, 2));
    else process.stdout.write(renderTable(shown, before));
    return 0;
  },
};

async function openSource(
  location: string,
  memoryLimit: string,
  options: ReturnType<typeof serviceOptions>,
  services: Parameters<typeof openFhirSource>[1]['services'],
): Promise<PatientSource> {
  try {
    if (/^https?:\/\//i.test(location))
      return openFhirSource(location, {
        options,
        services,
        accessToken: process.env.EMD_CDS_FHIR_TOKEN,
      });
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location))
      throw new SourceError(
        `${location}: unknown source (give an export folder or an http(s) FHIR base URL)`,
      );
    return await openExportSource(location, { memoryLimit, threads: 2 });
  } catch (error) {
    if (error instanceof SourceError) throw new UsageError(error.message);
    throw error;
  }
}

type Comparison =
  | { kind: 'report'; report: BacktestReport }
  | { kind: 'config'; configuration: BacktestConfiguration };

/**
 * --compare: a configuration (YAML), whose counts over the same patients this run adds,
 * or the `--json` report of an earlier run. A JSON object with `patients` and `rules` is a
 * report; anything else is read as a configuration, checked as `emd-cds validate` does.
 */
function readComparison(file: string): Comparison {
  let text: string;
  try {
    // As every file a site writes is read: UTF-8, else refused saying how it was saved.
    text = readSiteText(file);
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(`--compare ${error.message}`);
    throw error;
  }
  const report = backtestReportIn(text);
  if (report) return { kind: 'report', report };
  try {
    const config = parseConfigText(text, file, dirname(file));
    return { kind: 'config', configuration: { file, settings: buildSettings(config, { file }) } };
  } catch (error) {
    if (error instanceof ConfigError)
      throw new UsageError(
        `--compare ${file}: neither a configuration nor a backtest --json report\n${error.message}`,
      );
    throw error;
  }
}

function backtestReportIn(text: string): BacktestReport | undefined {
  try {
    const parsed = JSON.parse(text) as Partial<BacktestReport> | null;
    return typeof parsed?.patients === 'number' && typeof parsed.rules === 'object'
      ? (parsed as BacktestReport)
      : undefined;
  } catch {
    return undefined;
  }
}
