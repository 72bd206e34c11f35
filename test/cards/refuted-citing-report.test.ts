/**
 * A reported finding whose only Condition citing the report is refuted (H87): rules page §4
 * counts only non-refuted Conditions, so `emd-reported-not-listed` still fires, but the card no
 * longer says that no Condition lists it; it says the one that does is refuted. Expected text
 * typed from config/wording/*.yaml; the trace line from docs/clinical-safety.md H87.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/rules/evaluate.js';
import { cardOfRule } from './cards-for.js';
import {
  defaultRuleSettings,
  liverPlasmacytomaCiting,
  liverPlasmacytomaReport,
  myeloma,
  NOW,
  PATIENT_ID,
  recentPetCt,
  recordOf,
} from '../rules/fixtures.js';

const mm = myeloma('mm', { onset: '2025-01-01' });
const pet = recentPetCt('pet1');
const report = liverPlasmacytomaReport('rep1', ['ImagingStudy/pet1']);
const cites = (verificationStatus: string, ...references: string[]) => ({
  ...liverPlasmacytomaCiting(...references),
  verificationStatus: {
    coding: [
      {
        system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
        code: verificationStatus,
      },
    ],
  },
});

const reportedCard = (resources: fhir4.Resource[], locale = 'en') =>
  cardOfRule(resources, 'emd-reported-not-listed', { locale });

describe('a reported finding cited only by a refuted Condition (H87)', () => {
  const cases: [string, string, string][] = [
    [
      'en',
      '**Reported on recent imaging, not on the problem list** (no Condition on the record lists it, other than refuted ones):',
      '(the only Condition that lists it is refuted)',
    ],
    [
      'zh-CN',
      '近期影像学报告的结论中有以下发现，但病历中除已被否定的记录外，没有任何诊断记录（Condition）列出该发现：',
      '（列出该发现的唯一诊断记录已被否定）',
    ],
  ];
  for (const [locale, header, clause] of cases) {
    it(`keeps the card and says the Condition citing the report is refuted (${locale})`, () => {
      const card = reportedCard(
        [mm, pet, report, cites('refuted', 'DiagnosticReport/rep1')],
        locale,
      );
      expect(card?.indicator).toBe('info');
      expect(card?.detail).toContain(header);
      expect(card?.detail).toContain(clause);
    });
  }

  it('reads a refuted Condition citing the study as citing the report', () => {
    const card = reportedCard([mm, pet, report, cites('refuted', 'ImagingStudy/pet1')]);
    expect(card?.detail).toContain('(the only Condition that lists it is refuted)');
  });

  it('says no Condition lists it when none cites it, or only one entered in error does', () => {
    for (const resources of [
      [mm, pet, report],
      [mm, pet, report, cites('entered-in-error', 'DiagnosticReport/rep1')],
    ]) {
      const card = reportedCard(resources);
      expect(card?.detail).toContain('(no Condition on the record lists it):');
      expect(card?.detail).not.toContain('refuted');
    }
  });

  it('names the refuted Condition in the trace', () => {
    const evaluation = evaluate({
      record: recordOf([mm, pet, report, cites('refuted', 'DiagnosticReport/rep1')]),
      settings: defaultRuleSettings,
      context: { kind: 'patient-view', patientId: PATIENT_ID },
      now: NOW,
    });
    const outcome = evaluation.outcomes.find((o) => o.ruleId === 'emd-reported-not-listed');
    expect(outcome?.explain).toContain(
      'DiagnosticReport/rep1: cited by Condition/pc1, refuted, which does not list it (rules page §4: only a non-refuted Condition does); the card says the only Condition listing it is refuted',
    );
  });
});
