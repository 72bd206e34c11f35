/**
 * Rules page §2 "Status": a card lowered for uncertainty "says so", so the outcome carries which
 * status made each Condition uncertain (its verification code, or a status that could not be
 * read) and, for the card, the distinct statuses of the findings and of the myeloma Conditions.
 */
import { describe, expect, it } from 'vitest';
import { readConditionStatus } from '../../src/rules/condition-status.js';
import { evaluate } from '../../src/rules/evaluate.js';
import type { RuleId } from '../../src/rules/types.js';
import {
  condition,
  defaultRuleSettings,
  icd,
  myeloma,
  NOW,
  PATIENT_ID,
  plasmacytoma,
  recordOf,
  SITE,
} from './fixtures.js';

const settings = defaultRuleSettings;
const unreadableClinical = {
  clinicalStatus: { coding: [{ system: 'https://ehr.example.org/status', code: 'A1' }] },
};

function outcomeOf(resources: fhir4.Resource[], ruleId: RuleId) {
  const evaluation = evaluate({
    record: recordOf(resources),
    settings,
    context: { kind: 'patient-view', patientId: PATIENT_ID },
    now: NOW,
  });
  const outcome = evaluation.outcomes.find((o) => o.ruleId === ruleId);
  if (!outcome?.fired) expect.fail(`${ruleId} did not fire`);
  return outcome;
}

describe('what makes a Condition uncertain', () => {
  const cases: [string, Parameters<typeof condition>[1], string[]][] = [
    ['no status at all', {}, []],
    ['confirmed', { verificationStatus: 'confirmed' }, []],
    ['unconfirmed', { verificationStatus: 'unconfirmed' }, ['unconfirmed']],
    ['provisional', { verificationStatus: 'provisional' }, ['provisional']],
    ['differential', { verificationStatus: 'differential' }, ['differential']],
    ['refuted (ignored, so not uncertain)', { verificationStatus: 'refuted' }, []],
    ['a clinical status in a local system', { extra: unreadableClinical }, ['unreadable']],
    [
      'provisional, with a clinical status in a local system',
      { verificationStatus: 'provisional', extra: unreadableClinical },
      ['provisional', 'unreadable'],
    ],
  ];
  for (const [name, options, expected] of cases) {
    it(`reads ${name} as ${expected.length > 0 ? expected.join(' and ') : 'nothing uncertain'}`, () => {
      const read = readConditionStatus(
        condition('c', { code: [icd('C90.20')], ...options }),
        settings.statusWords,
        NOW,
      );
      expect(read.uncertainBecause).toEqual(expected);
    });
  }
});

describe('the statuses behind a lowered card', () => {
  it('names the finding’s status, and none for a confirmed myeloma', () => {
    const outcome = outcomeOf(
      [myeloma('mm'), plasmacytoma('lm', [SITE.meninges], { verificationStatus: 'provisional' })],
      'emd-leptomeningeal',
    );
    expect(outcome.lowering).toEqual(['finding-uncertain']);
    expect(outcome.uncertainBecause).toEqual({ findings: ['provisional'], myeloma: [] });
  });

  it('names the myeloma diagnosis’s status, and none for a confirmed finding', () => {
    const outcome = outcomeOf(
      [
        myeloma('mm', { verificationStatus: 'provisional' }),
        plasmacytoma('lm', [SITE.meninges], { verificationStatus: 'confirmed' }),
      ],
      'emd-leptomeningeal',
    );
    expect(outcome.lowering).toEqual(['myeloma-uncertain']);
    expect(outcome.uncertainBecause).toEqual({ findings: [], myeloma: ['provisional'] });
  });

  it('lists the distinct statuses of several findings and myeloma Conditions, once each, in a fixed order', () => {
    const outcome = outcomeOf(
      [
        myeloma('mm1', { verificationStatus: 'provisional' }),
        myeloma('mm2', { verificationStatus: 'unconfirmed' }),
        myeloma('mm3', { verificationStatus: 'provisional' }),
        plasmacytoma('liver', [SITE.liver], { extra: unreadableClinical }),
        plasmacytoma('skin', [SITE.skin], { verificationStatus: 'differential' }),
        plasmacytoma('kidney', [SITE.kidney], { verificationStatus: 'differential' }),
      ],
      'emd-soft-tissue',
    );
    expect(outcome.uncertainBecause).toEqual({
      findings: ['differential', 'unreadable'],
      myeloma: ['unconfirmed', 'provisional'],
    });
  });

  it('merges the statuses of one finding recorded twice, and drops them when one recording is confirmed', () => {
    const twice = (second: string) =>
      outcomeOf(
        [
          myeloma('mm'),
          plasmacytoma('a', [SITE.liver], { verificationStatus: 'provisional' }),
          plasmacytoma('b', [SITE.liver], { verificationStatus: second }),
        ],
        'emd-soft-tissue',
      );
    expect(twice('differential').findings[0]?.uncertainBecause).toEqual([
      'provisional',
      'differential',
    ]);
    expect(twice('differential').uncertainBecause.findings).toEqual([
      'provisional',
      'differential',
    ]);
    expect(twice('confirmed').findings[0]?.uncertainBecause).toEqual([]);
    expect(twice('confirmed').uncertainBecause.findings).toEqual([]);
    expect(twice('confirmed').lowering).toEqual([]);
  });

  it('keeps the statuses on an info card, which cannot be lowered', () => {
    const outcome = outcomeOf(
      [
        myeloma('mm', { verificationStatus: 'differential' }),
        plasmacytoma('l3', [SITE.lumbarSpine], { verificationStatus: 'provisional' }),
      ],
      'emd-paraskeletal',
    );
    expect(outcome.lowering).toEqual([]);
    expect(outcome.uncertainBecause).toEqual({
      findings: ['provisional'],
      myeloma: ['differential'],
    });
  });
});
