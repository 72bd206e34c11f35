/**
 * The backtest's worker threads compile each configuration's rules from the data the main
 * thread built its settings from (src/backtest/worker-messages.ts), sent by structured
 * clone. A site's card levels and switched-off rules must reach the workers, and so must the
 * value sets, naming systems, text patterns and status words the scenario table rests on.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { openExportSource } from '../../src/backtest/export-source.js';
import { runBacktest } from '../../src/backtest/run-backtest.js';
import { parseConfigText } from '../../src/config/config-file.js';
import { buildSettings, loadDefaultSettings } from '../../src/config/load-settings.js';
import { expectedPatientView, type ExpectedRule } from './expected-counts.js';
import { writeExampleExport } from './export-examples.js';
import { removeScratch, scratch } from './run-cli.js';

/** The CLI test's timeout: DuckDB and a worker thread under tsx on a shared 2-core machine. */
const TIMEOUT_MS = 120_000;

const SITE_CONFIG = [
  'rules:',
  '  emd-paraskeletal:',
  '    indicator: warning',
  '  emd-unclassified:',
  '    enabled: false',
  '    acknowledgement: switched off to test that the workers see it',
].join('\n');

function cardsOnly(rules: Record<string, ExpectedRule>): Record<string, ExpectedRule> {
  return Object.fromEntries(
    Object.entries(rules)
      .filter(([, rule]) => rule.cards > 0)
      .map(([id, r]) => [id, { patients: r.patients, byIndicator: r.byIndicator, cards: r.cards }]),
  );
}

describe('runBacktest with settings built on the main thread', { timeout: TIMEOUT_MS }, () => {
  afterAll(removeScratch);

  it('evaluates in its workers under each configuration sent: levels, switched-off rules, value sets', async () => {
    const dir = scratch('emd-cds-export-');
    writeExampleExport(dir, { gzip: false });
    const siteFile = `${dir}/site.yaml`;
    const site = buildSettings(parseConfigText(SITE_CONFIG, siteFile), { file: siteFile });
    const report = await runBacktest(
      await openExportSource(dir, { memoryLimit: '200MB', threads: 1 }),
      {
        hook: 'patient-view',
        now: new Date('2026-11-01T00:00:00Z'),
        configuration: { file: siteFile, settings: site },
        compareWith: { file: 'built-in', settings: loadDefaultSettings() },
        auditSecret: undefined,
        workers: 1,
      },
    );

    // The built-in configuration: the scenario table.
    const table = expectedPatientView();
    expect(report.compared && cardsOnly(report.compared.rules)).toEqual(table);

    // The site's: emd-unclassified gives no card (it fires beside the others, rules page §4,
    // so no other count moves), and each emd-paraskeletal card is a warning. None of the
    // scenario table's paraskeletal patients has an unconfirmed, provisional or differential
    // Condition (fhir-resources/examples/README.md), so none is lowered back to info (§2).
    const { 'emd-unclassified': unclassified, 'emd-paraskeletal': paraskeletal, ...others } = table;
    expect(unclassified?.patients).toBeGreaterThan(0);
    expect(paraskeletal?.byIndicator).toEqual({ info: 3, warning: 0, critical: 0 });
    expect(cardsOnly(report.rules)).toEqual({
      ...others,
      'emd-paraskeletal': { ...paraskeletal, byIndicator: { info: 0, warning: 3, critical: 0 } },
    });
    expect(report.configHash).toBe(site.configHash);
  });
});
