/**
 * `emd-cds stats` reads its period as the API does (src/store/stats-period.ts): a date is
 * 00:00 UTC and a date-time needs its offset, whatever the time zone of the machine it runs on.
 * Its text shows the acceptance `--json` and the console show, from the store the service
 * writes; the counts are typed from docs/go-live.md "Read the statistics".
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import type { CardOffer } from '../../src/store/store.js';
import { card, feedback, override } from '../store/records.js';
import { removeScratch, runCli, scratch } from '../backtest/run-cli.js';

// Each run starts the built CLI: about 1 s, several times that on a loaded machine.
const CLI_TIMEOUT_MS = 60_000;

describe('emd-cds stats --from/--to', () => {
  // The store the service writes, as a deployment has it: stats refuses a folder without one.
  let dataDir = '';
  beforeAll(async () => {
    dataDir = scratch('emd-cds-stats-');
    const store = openSqliteStore(join(dataDir, 'emd-cds.sqlite'));
    await store.migrate();
    await store.close();
  });
  afterAll(removeScratch);

  it(
    'reads dates as UTC days on a machine in another time zone',
    async () => {
      const run = await runCli(['stats', '--from', '2026-11-01', '--to', '2026-11-02'], {
        TZ: 'America/New_York',
        EMD_CDS_DATA_DIR: dataDir,
      });
      expect(run.status).toBe(0);
      expect(run.stdout).toContain(
        'Cards served 2026-11-01T00:00:00.000Z – 2026-11-02T00:00:00.000Z',
      );
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'refuses a date-time without offset with exit 1, rather than reading it in local time',
    async () => {
      const run = await runCli(['stats', '--from', '2026-11-01T00:00', '--to', '2026-11-02'], {
        TZ: 'America/New_York',
        EMD_CDS_DATA_DIR: dataDir,
      });
      expect(run.status).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain('from: must be a date (2026-11-01, read as 00:00 UTC)');
    },
    CLI_TIMEOUT_MS,
  );
});

describe('emd-cds stats as text: acceptance', () => {
  const REASONS = 'https://fhir.emd-cds.org/CodeSystem/override-reason';
  const OWN = 'https://ehr.example/own-reasons';
  const WITH_SUGGESTIONS: CardOffer = {
    suggestions: ['suggestion-1'],
    overrideReasons: [{ system: REASONS, code: 'already-aware' }],
  };
  const WITHOUT_SUGGESTIONS: CardOffer = { ...WITH_SUGGESTIONS, suggestions: [] };
  const LATER = '2026-03-01T10:05:00Z';
  let dataDir = '';
  beforeAll(async () => {
    dataDir = scratch('emd-cds-stats-');
    const store = openSqliteStore(join(dataDir, 'emd-cds.sqlite'));
    await store.migrate();
    // emd-cns: 3 cards offered a suggestion (1 accepted), 2 offered none, 1 recorded before
    // the audit kept offers. emd-paraskeletal: 2 cards, neither offering a suggestion.
    await store.recordCards([
      card({ cardUuid: 'with-accepted', offered: WITH_SUGGESTIONS }),
      card({ cardUuid: 'with-overridden', offered: WITH_SUGGESTIONS }),
      card({ cardUuid: 'with-unanswered', offered: WITH_SUGGESTIONS }),
      card({ cardUuid: 'none-1', offered: WITHOUT_SUGGESTIONS }),
      card({ cardUuid: 'none-2', offered: WITHOUT_SUGGESTIONS }),
      card({ cardUuid: 'before-offers' }),
      card({ cardUuid: 'para-1', ruleId: 'emd-paraskeletal', offered: WITHOUT_SUGGESTIONS }),
      card({ cardUuid: 'para-2', ruleId: 'emd-paraskeletal', offered: WITHOUT_SUGGESTIONS }),
    ]);
    await store.recordFeedback([
      feedback({ cardUuid: 'with-accepted', acceptedSuggestions: ['suggestion-1'] }),
      override('with-overridden', LATER, { system: REASONS, code: 'already-aware' }),
      // Reasons the cards did not offer, as the client sent them.
      {
        ...override('none-1', LATER, { system: OWN, code: 'not-relevant' }),
        reasonNotOffered: true,
      },
      {
        ...override('para-1', LATER, { system: OWN, code: 'not-relevant' }),
        reasonNotOffered: true,
      },
      { ...override('para-2', LATER, { system: OWN, code: 'seen-it' }), reasonNotOffered: true },
    ]);
    await store.close();
  });
  afterAll(removeScratch);

  it(
    'shows per rule and service what could be accepted, the share accepted, and the reasons not offered',
    async () => {
      const run = await runCli(['stats', '--from', '2026-03-01', '--to', '2026-03-02'], {
        EMD_CDS_DATA_DIR: dataDir,
      });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const lines = run.stdout.split('\n');
      const header = lines.find((line) => line.startsWith('rule\t'))?.split('\t') ?? [];
      const cell = (ruleId: string, column: string) =>
        lines.find((line) => line.startsWith(`${ruleId}\t`))?.split('\t')[header.indexOf(column)];
      const acceptance = (ruleId: string) =>
        [
          'offered a suggestion',
          'of those accepted',
          'accepted %',
          'offered none',
          'offers unknown',
        ].map((column) => cell(ruleId, column));
      expect(acceptance('emd-cns')).toEqual(['3', '1', '33.3', '2', '1']);
      // None could be accepted: no acceptance rate, not one of 0 %.
      expect(acceptance('emd-paraskeletal')).toEqual(['0', '0', '—', '2', '0']);
      const para = lines.indexOf(lines.find((l) => l.startsWith('emd-paraskeletal\t')) ?? '');
      expect(lines.slice(para + 1)).toEqual([
        '\toverride reason (not offered): 2',
        `\treason not offered "${OWN}|not-relevant": 1`,
        `\treason not offered "${OWN}|seen-it": 1`,
        '',
      ]);
    },
    CLI_TIMEOUT_MS,
  );
});
