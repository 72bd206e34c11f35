/**
 * Issue #17: `emd-cds evaluate` with a rule in silent mode prints that rule's card apart,
 * under a heading that says an EHR never shows it, and `--json` gives it as `silentCards`.
 * Expected cards from the scenario table (test/examples-expected.ts): emd-and-cns gets
 * emd-cns critical and emd-soft-tissue warning.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CARD_EXTENSION } from '../../src/cds/cards/build-card.js';
import { PATHS } from '../../src/config/project-paths.js';
import { removeScratch, runCli, scratch } from '../backtest/run-cli.js';

const BUNDLE = join(PATHS.examples, 'emd-and-cns.json');
const CLI_TIMEOUT_MS = 60_000;

function silentConfig(): string {
  const file = join(scratch('emd-cds-silent-cli-'), 'site.yaml');
  writeFileSync(file, 'rules:\n  emd-soft-tissue:\n    mode: silent\n');
  return file;
}

/** `emd-cds evaluate` of the example with emd-soft-tissue silent, as of the scenarios' date. */
const evaluateSilent = (...extra: string[]) =>
  runCli(['evaluate', BUNDLE, '--now', '2026-11-01', '--config', silentConfig(), ...extra]);

describe('emd-cds evaluate with a silent rule', { timeout: CLI_TIMEOUT_MS }, () => {
  afterAll(removeScratch);

  it('prints the silent card apart from the cards an EHR would show', async () => {
    const run = await evaluateSilent();
    expect(run.status).toBe(0);
    const [shown, silent] = run.stdout.split(
      'Silent (evaluated and audited in production, never shown):',
    );
    expect(shown).toContain('(emd-cns)');
    expect(shown).not.toContain('(emd-soft-tissue)');
    expect(silent).toContain('[warning]');
    expect(silent).toContain('(emd-soft-tissue)');
  });

  it('gives it as silentCards with --json', async () => {
    const run = await evaluateSilent('--json');
    expect(run.status).toBe(0);
    const answer = JSON.parse(run.stdout) as {
      cards: { indicator: string; extension: Record<string, unknown> }[];
      silentCards: { indicator: string; extension: Record<string, unknown> }[];
    };
    const rules = (cards: typeof answer.cards) =>
      cards.map((card) => [card.extension[CARD_EXTENSION.ruleId], card.indicator]);
    expect(rules(answer.cards)).toEqual([['emd-cns', 'critical']]);
    expect(rules(answer.silentCards)).toEqual([['emd-soft-tissue', 'warning']]);
  });
});
