/**
 * H101: a coded finding whose own text reads as excluded or suspected keeps the card its codes
 * and statuses give (rules page §2: an absent verificationStatus counts as confirmed; §3.3: a
 * Condition coded in the value sets is a finding; H88: text never lowers a coded finding), and
 * the explain trace says what the text reads as and why it was not followed.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, type Evaluation } from '../../src/rules/evaluate.js';
import type { HookContext } from '../../src/rules/types.js';
import {
  defaultRuleSettings,
  myeloma,
  NOW,
  PATIENT_ID,
  plasmacytoma,
  recordOf,
  SITE,
} from './fixtures.js';

const context: HookContext = { kind: 'patient-view', patientId: PATIENT_ID };
const mm = myeloma('mm', { onset: '2019-05-01' });

function run(text: string, verificationStatus?: string): Evaluation {
  const lesion = plasmacytoma('p', [SITE.meninges], {
    text,
    clinicalStatus: 'active',
    ...(verificationStatus ? { verificationStatus } : {}),
    onset: '2026-10-20',
  });
  return evaluate({
    record: recordOf([mm, lesion]),
    settings: defaultRuleSettings,
    context,
    now: NOW,
  });
}
const cards = (evaluation: Evaluation) =>
  evaluation.outcomes.filter((o) => o.fired).map((o) => [o.ruleId, o.indicator]);
const lineOf = (evaluation: Evaluation) =>
  evaluation.trace.find((line) => line.reference === 'Condition/p')?.message ?? '';

const NO_STATUS =
  'but it has no verificationStatus, which counts as confirmed (rules page §2), and text never lowers a coded finding: the card keeps its level (H101)';

describe('a coded leptomeningeal finding whose own text says otherwise (H101)', () => {
  const rows: [string, string][] = [
    ['排除脑膜浸润', 'a negation ("排除")'],
    ['Leptomeningeal myeloma - ruled out', 'a negation ("ruled out")'],
    ['软脑膜浸润待排', 'suspected, not confirmed ("待排")'],
    ['r/o leptomeningeal disease', 'suspected, not confirmed ("r/o")'],
    ['h/o leptomeningeal myeloma', 'history ("h/o")'],
  ];
  it.each(rows)('"%s" keeps its critical card, and the trace says why', (text, reading) => {
    const evaluation = run(text);
    expect(cards(evaluation)).toEqual([['emd-leptomeningeal', 'critical']]);
    expect(lineOf(evaluation)).toContain(
      `; its own text "${text}" reads as ${reading}, ${NO_STATUS}`,
    );
  });

  it('says so beside a verificationStatus that says confirmed', () => {
    const evaluation = run('排除脑膜浸润', 'confirmed');
    expect(cards(evaluation)).toEqual([['emd-leptomeningeal', 'critical']]);
    expect(lineOf(evaluation)).toContain(
      'reads as a negation ("排除"), but its verificationStatus says confirmed, and text never lowers a coded finding: the card keeps its level (H101)',
    );
  });

  it('names the verificationStatus that lowers the card, not the text', () => {
    const evaluation = run('软脑膜浸润待排', 'provisional');
    expect(cards(evaluation)).toEqual([['emd-leptomeningeal', 'warning']]);
    expect(lineOf(evaluation)).toContain(
      'reads as suspected, not confirmed ("待排"); its verificationStatus lowers its card, its text does not (H101)',
    );
  });

  it('adds nothing when the text reads as a mention, or matches no pattern', () => {
    for (const text of ['Leptomeningeal myeloma', 'Plasmacytoma of the meninges', 'Mass'])
      expect(lineOf(run(text))).not.toContain('its own text');
  });
});
