/**
 * `emd-cds backtest --compare` says which rules are switched off or silent, and which patients
 * changed and how, over the example patients (fhir-resources/examples/, read as Bundles).
 * Oracles: each patient's cards in the scenario table (./expected-counts.ts) and what the
 * configuration asks: emd-paraskeletal at warning (every paraskeletal card of the table is
 * info, none lowered: run-backtest.test.ts), emd-unclassified switched off (its cards lost),
 * emd-soft-tissue silent (evaluated and counted, never shown: docs/go-live.md, so no change).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PATHS } from '../../src/config/project-paths.js';
import { expectedPatientViewCards } from './expected-counts.js';
import { removeScratch, runCli, scratch } from './run-cli.js';

const NOW = '2026-11-01T00:00:00Z';
const CLI_TIMEOUT_MS = 120_000;

const SITE = [
  'rules:',
  '  emd-paraskeletal:',
  '    indicator: warning',
  '  emd-unclassified:',
  '    enabled: false',
  "    acknowledgement: 'switched off to test the backtest marks it'",
  '  emd-soft-tissue:',
  '    mode: silent',
].join('\n');

interface Change {
  ruleId: string;
  change: string;
  before?: string;
  now?: string;
}
interface Report {
  rules: Record<string, { mode?: string; patientIds?: string[] }>;
  compared?: Report;
  changedPatients?: {
    patients: number;
    gained: number;
    lost: number;
    levelChanged: number;
    levelsCompared: boolean;
    listed: { patientId?: string; patientKey?: string; changes: Change[] }[];
  };
}

/** The table's patients with a card of the rule. */
const withCard = (ruleId: string) =>
  [...expectedPatientViewCards()]
    .filter(([, cards]) => cards.some((card) => card.startsWith(`${ruleId} `)))
    .map(([id]) => id)
    .sort();

describe(
  'emd-cds backtest --compare: modes and changed patients',
  { timeout: CLI_TIMEOUT_MS },
  () => {
    afterAll(removeScratch);
    const dir = scratch('emd-cds-changes-');
    const site = join(dir, 'site.yaml');
    const builtIn = join(dir, 'built-in.yaml');
    writeFileSync(site, `${SITE}\n`);
    writeFileSync(builtIn, 'rules: {}\n');
    let earlier = '';

    it('marks each rule’s mode and lists the changed patients with --compare <config>', async () => {
      const html = join(dir, 'report.html');
      const args = ['backtest', PATHS.examples, '--now', NOW, '--config', site];
      const run = await runCli([
        ...args,
        '--compare',
        builtIn,
        '--show-ids',
        '--json',
        '--html',
        html,
      ]);
      expect(run.status).toBe(0);
      const report = JSON.parse(run.stdout) as Report;
      const modes = Object.fromEntries(Object.entries(report.rules).map(([id, r]) => [id, r.mode]));
      expect(modes).toEqual({
        'emd-leptomeningeal': 'live',
        'emd-cns': 'live',
        'emd-soft-tissue': 'silent',
        'emd-paraskeletal': 'live',
        'emd-unclassified': 'off',
        'emd-reported-not-listed': 'live',
      });
      expect(report.compared?.rules['emd-unclassified']?.mode).toBe('live');

      const paraskeletal = withCard('emd-paraskeletal');
      const unclassified = withCard('emd-unclassified');
      expect(paraskeletal).toHaveLength(3);
      expect(unclassified).toHaveLength(5);
      const changed = report.changedPatients;
      expect(changed).toMatchObject({
        patients: 8,
        gained: 0,
        lost: 5,
        levelChanged: 3,
        levelsCompared: true,
      });
      // Gravest first: a warning now outranks an info lost; then by id.
      expect(changed?.listed).toEqual([
        ...paraskeletal.map((patientId) => ({
          patientId,
          changes: [
            { ruleId: 'emd-paraskeletal', change: 'level', before: 'info', now: 'warning' },
          ],
        })),
        ...unclassified.map((patientId) => ({
          patientId,
          changes: [{ ruleId: 'emd-unclassified', change: 'lost', before: 'info' }],
        })),
      ]);
      const page = readFileSync(html, 'utf8');
      expect(page).toContain('<th>emd-unclassified (off)</th>');
      expect(page).toContain('<th>emd-soft-tissue (silent)</th>');
      expect(page).toContain('<th>emd-unclassified (live → off)</th>');
      expect(page).toContain('Patients whose cards changed: 8');
      expect(page).toContain(
        `<th>${paraskeletal[0] ?? ''}</th><td>emd-paraskeletal info → warning</td>`,
      );
      expect(page).toContain('per 100 hook calls');
      expect(report.compared).toBeDefined();
      earlier = join(dir, 'earlier.json');
      writeFileSync(earlier, JSON.stringify(report.compared));
    });

    it('against an earlier --json report, lists cards gained and lost by patient', async () => {
      expect(earlier).not.toBe('');
      const args = ['backtest', PATHS.examples, '--now', NOW, '--config', site, '--show-ids'];
      const run = await runCli([...args, '--compare', earlier]);
      expect(run.status).toBe(0);
      const table = run.stdout;
      expect(table).toMatch(/^emd-unclassified \(off\) +0 +0 +0 +0 +0 +0\.0$/m);
      expect(table).toMatch(/^emd-soft-tissue \(silent\) +\d+/m);
      expect(table).toContain('(off): switched off, not evaluated, so no card');
      expect(table).toContain('count cards per 100 hook calls');
      expect(table).toContain('    emd-unclassified (live → off): 5 → 0 (-5);');
      expect(table).toContain('    emd-soft-tissue (live → silent):');
      expect(table).toContain(
        '  patients whose cards changed: 5 (patient-rule pairs: a card gained 0, lost 5, levels not compared (an earlier report keeps no level per patient))',
      );
      for (const id of withCard('emd-unclassified'))
        expect(table).toContain(`\n    ${id}: emd-unclassified lost\n`);
    });
  },
);
