/**
 * H151: a myeloma patient's Condition written only in Traditional Chinese words that the shipped
 * (Simplified) text-only patterns would read in Simplified characters: no card, as rules page
 * §2 says of text no configured pattern matches, but the trace names it (§6: never dropped
 * silently). Texts and expectations typed by hand.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/rules/evaluate.js';
import { asSimplified } from '../../src/rules/traditional-chinese.js';
import {
  condition,
  defaultRuleSettings,
  icd,
  local,
  NOW,
  PATIENT_ID,
  recordOf,
} from './fixtures.js';

function run(pc: fhir4.Condition) {
  return evaluate({
    record: recordOf([condition('mm', { code: [icd('C90.02')] }), pc]),
    settings: defaultRuleSettings,
    context: { kind: 'patient-view', patientId: PATIENT_ID },
    now: NOW,
  });
}
const linesOf = (pc: fhir4.Condition) =>
  run(pc)
    .trace.filter((line) => line.reference === 'Condition/pc1')
    .map((line) => line.message);
const fired = (pc: fhir4.Condition) =>
  run(pc)
    .outcomes.filter((o) => o.fired)
    .map((o) => o.ruleId);

describe('words in Traditional Chinese (H151)', () => {
  it('reads the characters of the shipped patterns as Simplified, and only those', () => {
    expect(asSimplified('漿細胞瘤')).toBe('浆细胞瘤');
    expect(asSimplified('軟腦膜骨髓瘤')).toBe('软脑膜骨髓瘤');
    expect(asSimplified('中樞神經系統浸潤')).toBe('中枢神经系统浸润');
    expect(asSimplified('髓外浆细胞瘤')).toBeUndefined();
  });

  for (const [text, simplified] of [
    ['漿細胞瘤', '浆细胞瘤'],
    ['軟腦膜骨髓瘤', '软脑膜骨髓瘤'],
    ['多發性骨髓瘤中樞神經系統浸潤', '多发性骨髓瘤中枢神经系统浸润'],
  ] as const)
    it(`names "${text}" in the trace, and raises no card`, () => {
      const pc = condition('pc1', { text, clinicalStatus: 'active' });
      expect(fired(pc)).toEqual([]);
      expect(linesOf(pc)).toEqual([
        `its text "${text}" matches no text-only pattern as written, but would in Simplified Chinese ("${simplified}"): Traditional Chinese is not read by the shipped patterns, so no card (H151); if this site's records are written in Traditional Chinese, it adds its own textOnlyPatterns for them (docs/configuring.md)`,
      ]);
    });

  it('reads a display too, when the code is in no known system', () => {
    const pc = condition('pc1', { code: [{ ...local('X1'), display: '漿細胞瘤' }] });
    expect(linesOf(pc)[0]).toContain('its text "漿細胞瘤" matches no text-only pattern');
  });

  it('says nothing of a negated mention, another disease, or a Condition coded in a known system', () => {
    expect(linesOf(condition('pc1', { text: '未見漿細胞瘤' }))).toEqual([]);
    expect(linesOf(condition('pc1', { text: '高血壓' }))).toEqual([]);
    expect(linesOf(condition('pc1', { code: [icd('I10')], text: '漿細胞瘤' }))).toEqual([]);
  });
});
