/**
 * A reported finding whose report another diagnosis cites (H87, another cause; probe 11 F3): an
 * MR report concludes a plasmacytoma, and a brain metastasis of another cancer cites that
 * report. Rules page §4 fires `emd-reported-not-listed` when "no non-refuted finding Condition
 * cites that report", so the card stays; but "no Condition on the record lists it" is then not
 * what the record shows. Expected text typed from config/wording/*.yaml; the trace line from
 * docs/clinical-safety.md H87.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/rules/evaluate.js';
import { cardOfRule } from './cards-for.js';
import {
  condition,
  defaultRuleSettings,
  icd,
  liverPlasmacytomaCiting,
  liverPlasmacytomaReport,
  myeloma,
  NOW,
  PATIENT_ID,
  recentPetCt,
  recordOf,
  SITE,
} from '../rules/fixtures.js';

const mm = myeloma('mm', { onset: '2025-01-01' });
const pet = recentPetCt('pet1');
const report = liverPlasmacytomaReport('rep1', ['ImagingStudy/pet1']);
/** Secondary malignant neoplasm of liver (ICD-10-CM C78.7), citing `references`. */
const metastasis = (verificationStatus: string, ...references: string[]) =>
  condition('met1', {
    code: [{ ...icd('C78.7'), display: 'Secondary malignant neoplasm of liver' }],
    sites: [SITE.liver],
    verificationStatus,
    extra: { evidence: [{ detail: references.map((reference) => ({ reference })) }] },
  });
const refutedPlasmacytoma = {
  ...liverPlasmacytomaCiting('DiagnosticReport/rep1'),
  verificationStatus: {
    coding: [
      { system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'refuted' },
    ],
  },
};

const reportedCard = (resources: fhir4.Resource[], locale = 'en') =>
  cardOfRule(resources, 'emd-reported-not-listed', { locale });

describe('a reported finding whose report a Condition of another diagnosis cites (H87)', () => {
  const cases: [string, string, string][] = [
    [
      'en',
      '**Reported on recent imaging, not on the problem list** (no Condition on the record lists it as a plasmacytoma or CNS myeloma finding):',
      '(a Condition on the record cites this imaging, but not as a plasmacytoma or CNS myeloma finding: Secondary malignant neoplasm of liver)',
    ],
    [
      'zh-CN',
      '近期影像学报告的结论中有以下发现，但病历中没有任何诊断记录（Condition）以浆细胞瘤或中枢神经系统（CNS）骨髓瘤发现列出该发现：',
      '（病历中有诊断记录（Condition）引用了该影像学检查，但并非以浆细胞瘤或 CNS 骨髓瘤发现记录：Secondary malignant neoplasm of liver）',
    ],
  ];
  for (const [locale, header, clause] of cases) {
    it(`keeps the card and names the Condition citing the report (${locale})`, () => {
      const card = reportedCard(
        [mm, pet, report, metastasis('confirmed', 'DiagnosticReport/rep1')],
        locale,
      );
      expect(card?.indicator).toBe('info');
      expect(card?.detail).toContain(header);
      expect(card?.detail).toContain(clause);
      expect(card?.detail).not.toContain('lists it):');
      expect(card?.detail).not.toContain('没有任何诊断记录（Condition）列出该发现');
    });
  }

  it('reads a Condition citing the study as citing the report', () => {
    const card = reportedCard([mm, pet, report, metastasis('confirmed', 'ImagingStudy/pet1')]);
    expect(card?.detail).toContain(
      '(a Condition on the record cites this imaging, but not as a plasmacytoma or CNS myeloma finding: Secondary malignant neoplasm of liver)',
    );
  });

  it('says no Condition lists it when the citing one is refuted or entered in error', () => {
    for (const status of ['refuted', 'entered-in-error']) {
      const card = reportedCard([mm, pet, report, metastasis(status, 'DiagnosticReport/rep1')]);
      expect(card?.detail).toContain('(no Condition on the record lists it):');
      expect(card?.detail).not.toContain('cites this imaging');
    }
  });

  it('says both when a refuted plasmacytoma and another diagnosis cite the report', () => {
    const card = reportedCard([
      mm,
      pet,
      report,
      refutedPlasmacytoma,
      metastasis('confirmed', 'DiagnosticReport/rep1'),
    ]);
    expect(card?.detail).toContain(
      '(no Condition on the record lists it as a plasmacytoma or CNS myeloma finding, other than refuted ones):',
    );
    expect(card?.detail).toContain(
      '(the only Condition that lists it is refuted) (a Condition on the record cites this imaging, but not as a plasmacytoma or CNS myeloma finding: Secondary malignant neoplasm of liver)',
    );
  });

  it('does not fire when a plasmacytoma Condition cites the report beside the other diagnosis', () => {
    const card = reportedCard([
      mm,
      pet,
      report,
      liverPlasmacytomaCiting('DiagnosticReport/rep1'),
      metastasis('confirmed', 'DiagnosticReport/rep1'),
    ]);
    expect(card).toBeUndefined();
  });

  it('names the citing Condition in the trace', () => {
    const evaluation = evaluate({
      record: recordOf([mm, pet, report, metastasis('confirmed', 'DiagnosticReport/rep1')]),
      settings: defaultRuleSettings,
      context: { kind: 'patient-view', patientId: PATIENT_ID },
      now: NOW,
    });
    const outcome = evaluation.outcomes.find((o) => o.ruleId === 'emd-reported-not-listed');
    expect(outcome?.fired).toBe(true);
    expect(outcome?.explain).toContain(
      'DiagnosticReport/rep1: cited by Condition/met1 (Secondary malignant neoplasm of liver), not coded as a plasmacytoma or CNS / leptomeningeal involvement finding, which does not list it (rules page §4: only a finding Condition does); the card names it',
    );
  });
});
