/**
 * H136 (probe 11, F4): a myeloma diagnosis written only as text gives no card (rules page §3.1
 * "No myeloma → no cards", H17), and the explain trace names the Condition whose text reads as
 * myeloma, asking for a code, where it said only that the patient has no myeloma Condition.
 */
import { describe, expect, it } from 'vitest';
import { condition, local, myeloma, plasmacytoma, SITE } from './fixtures.js';
import { fired, linesAbout, run } from './patient-view-run.js';

describe('myeloma written only as text (H136)', () => {
  const liver = plasmacytoma('pc', [SITE.liver]);

  it.each(['Multiple myeloma', '多发性骨髓瘤', 'Plasma cell myeloma', '骨髓瘤'])(
    '"%s" beside a coded finding: no card, and a line naming the Condition and a code',
    (text) => {
      const evaluation = run([condition('mm', { text }), liver]);
      expect(fired(evaluation)).toEqual([]);
      const [line, ...others] = linesAbout(evaluation, 'Condition/mm');
      expect(others).toEqual([]);
      expect(line).toContain(`"${text}" reads as myeloma`);
      expect(line).toContain('no code from a known system');
      expect(line).toContain('§3.1');
      expect(line).toContain('C90.0x');
      expect(line).toContain('109989006');
    },
  );

  it('a myeloma written in words and in history still gets its line (§3.1: any status)', () => {
    const evaluation = run([
      condition('mm', { text: 'History of multiple myeloma', clinicalStatus: 'remission' }),
      liver,
    ]);
    expect(linesAbout(evaluation, 'Condition/mm')).toHaveLength(1);
  });

  it('no line when a coded myeloma Condition exists', () => {
    const evaluation = run([myeloma('coded'), condition('mm', { text: 'Multiple myeloma' })]);
    expect(linesAbout(evaluation, 'Condition/mm')).toEqual([]);
  });

  it('no line for a patient with no myeloma in any form', () => {
    const evaluation = run([condition('htn', { text: 'Essential hypertension' }), liver]);
    expect(evaluation.trace.some((line) => line.message.includes('reads as myeloma'))).toBe(false);
  });

  it.each([
    ['negated', 'No evidence of multiple myeloma', {}],
    ['a relative', 'Family history of multiple myeloma', {}],
    ['entered in error', 'Multiple myeloma', { verificationStatus: 'entered-in-error' }],
  ])('no line when the text is %s: %s', (_name, text, options) => {
    const evaluation = run([condition('mm', { text, ...options }), liver]);
    expect(linesAbout(evaluation, 'Condition/mm')).toEqual([]);
  });

  it('a Condition coded in an unknown system keeps its H74 line alone', () => {
    const evaluation = run([condition('mm', { code: [local('MM1')], text: 'Multiple myeloma' })]);
    const lines = linesAbout(evaluation, 'Condition/mm');
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('reads as myeloma');
  });
});
