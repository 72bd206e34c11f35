/**
 * Who changed between two runs of a backtest, and how (src/backtest/patient-changes.ts,
 * report-changes.ts). A patient counts once per rule at the highest indicator of its cards,
 * as the report's per-rule counts do (docs/backtest.md §2).
 */
import { describe, expect, it } from 'vitest';
import type { BacktestReport } from '../../src/backtest/backtest-report.js';
import {
  changesOf,
  LISTED_CHANGED_PATIENTS,
  reportChanges,
} from '../../src/backtest/patient-changes.js';
import { changesAgainstReport } from '../../src/backtest/report-changes.js';

describe('changesOf', () => {
  it('names a card gained, lost, or at another level; nothing for the same level', () => {
    const before = [
      { ruleId: 'emd-cns', indicator: 'critical' },
      { ruleId: 'emd-paraskeletal', indicator: 'info' },
      { ruleId: 'emd-unclassified', indicator: 'info' },
    ] as const;
    const now = [
      { ruleId: 'emd-cns', indicator: 'warning' },
      { ruleId: 'emd-soft-tissue', indicator: 'info' },
      { ruleId: 'emd-soft-tissue', indicator: 'warning' },
      { ruleId: 'emd-unclassified', indicator: 'info' },
    ] as const;
    expect(changesOf(before, now)).toEqual([
      { ruleId: 'emd-cns', change: 'level', before: 'critical', now: 'warning' },
      { ruleId: 'emd-soft-tissue', change: 'gained', now: 'warning' },
      { ruleId: 'emd-paraskeletal', change: 'lost', before: 'info' },
    ]);
  });
});

describe('reportChanges', () => {
  it(`counts every patient, lists ${String(LISTED_CHANGED_PATIENTS)}, gravest first`, () => {
    const infoLost = Array.from({ length: 60 }, (_, i) => ({
      key: `p${String(i).padStart(2, '0')}`,
      changes: [{ ruleId: 'emd-unclassified', change: 'lost' as const, before: 'info' as const }],
    }));
    const criticalLost = {
      key: 'z-last-by-key',
      changes: [{ ruleId: 'emd-cns', change: 'lost' as const, before: 'critical' as const }],
    };
    const report = reportChanges([...infoLost, criticalLost], {
      showIds: false,
      levelsCompared: true,
    });
    expect(report).toMatchObject({ patients: 61, gained: 0, lost: 61, levelChanged: 0 });
    expect(report.listed).toHaveLength(LISTED_CHANGED_PATIENTS);
    expect(report.listed[0]).toEqual({
      patientKey: 'z-last-by-key',
      changes: criticalLost.changes,
    });
    expect(report.listed[1]?.patientKey).toBe('p00');
  });
});

describe('changesAgainstReport', () => {
  const rule = (names: { patientIds?: string[]; patientKeys?: string[] }) => ({
    patients: 0,
    byIndicator: { info: 0, warning: 0, critical: 0 },
    cards: 0,
    cardsPer1000: 0,
    ...names,
  });
  const report = (rules: BacktestReport['rules']) => ({ rules }) as unknown as BacktestReport;

  it('reads cards gained and lost from the two reports’ patient lists, levels not compared', () => {
    const now = report({ 'emd-cns': rule({ patientIds: ['a', 'b'] }) });
    const before = report({
      'emd-cns': rule({ patientIds: ['b', 'c'] }),
      'emd-paraskeletal': rule({ patientIds: ['a'] }),
    });
    expect(changesAgainstReport(now, before)).toEqual({
      patients: 2,
      gained: 1,
      lost: 2,
      levelChanged: 0,
      levelsCompared: false,
      listed: [
        {
          patientId: 'a',
          changes: [
            { ruleId: 'emd-cns', change: 'gained' },
            { ruleId: 'emd-paraskeletal', change: 'lost' },
          ],
        },
        { patientId: 'c', changes: [{ ruleId: 'emd-cns', change: 'lost' }] },
      ],
    });
  });

  it('compares no patient when one run names them by id and the other by key', () => {
    const now = report({ 'emd-cns': rule({ patientIds: ['a'] }) });
    const before = report({ 'emd-cns': rule({ patientKeys: ['k'] }) });
    const changed = changesAgainstReport(now, before);
    expect(changed.listed).toEqual([]);
    expect(changed.notCompared).toBe(
      'this run names patients by ids, the earlier report by keys: run both with --show-ids, or both without it',
    );
  });
});
