/**
 * A backtest treats malformed data as the service does (docs/clinical-safety.md H37), so its
 * counts are the cards a site would see: a patient with a malformed Condition that might be
 * the myeloma or a finding gets a 412 from the service, so no card, and is listed as refused;
 * a malformed Condition no rule reads is left out; a malformed imaging study or imaging
 * report switches the imaging checks off, and a malformed lab report, which the service's
 * imaging-report search never returns, changes nothing. Expected cards are typed from the
 * rules page §4.
 */
import { describe, expect, it } from 'vitest';
import { evaluatePatient, readPatient } from '../../src/backtest/evaluate-patient.js';
import { judgeMalformed } from '../../src/cds/malformed-data.js';
import { addPatient, emptyTally } from '../../src/backtest/tally.js';
import { loadDefaultSettings } from '../../src/config/load-settings.js';

const rules = loadDefaultSettings().rules;
const NOW = new Date('2026-11-01T00:00:00Z');
const ICD_10_CM = 'http://hl7.org/fhir/sid/icd-10-cm';
const SNOMED = 'http://snomed.info/sct';
const subject = { reference: 'Patient/p1' };

const myeloma = {
  resourceType: 'Condition',
  id: 'mm',
  subject,
  code: { coding: [{ system: ICD_10_CM, code: 'C90.00' }] },
  onsetDateTime: '2026-09-01',
};
/** Extramedullary plasmacytoma of the liver: true EMD, a warning (rules page §4). */
const liverPlasmacytoma = {
  resourceType: 'Condition',
  id: 'emp',
  subject,
  code: { coding: [{ system: ICD_10_CM, code: 'C90.20' }] },
  bodySite: [{ coding: [{ system: SNOMED, code: '10200004' }] }],
  onsetDateTime: '2026-09-15',
};
const withNumberStatus = (code: unknown) => ({
  resourceType: 'Condition',
  id: 'legacy',
  subject,
  clinicalStatus: 1, // a wrong type: H113 reads an STU3 string, not a number
  code,
});

const cardsOf = (resources: unknown[]) =>
  evaluatePatient(readPatient('p1', resources), 'patient-view', rules, NOW);

describe('a backtest patient with malformed data', () => {
  it('counts the cards of a patient whose malformed Condition no rule reads (hypertension)', () => {
    const result = cardsOf([
      myeloma,
      liverPlasmacytoma,
      withNumberStatus({ coding: [{ system: ICD_10_CM, code: 'I10' }] }),
    ]);
    expect(result.refused).toBe(false);
    expect(result.invalidResources).toBe(1);
    expect(result.cards).toEqual([{ ruleId: 'emd-soft-tissue', indicator: 'warning' }]);
  });

  it('counts no card, and refuses, when the malformed Condition is a plasmacytoma', () => {
    const result = cardsOf([
      myeloma,
      liverPlasmacytoma,
      withNumberStatus({ coding: [{ system: ICD_10_CM, code: 'C90.20' }] }),
    ]);
    expect(result).toEqual({
      isMyelomaPatient: true,
      cards: [],
      invalidResources: 1,
      refused: true,
      sentInPart: false,
      // The service answers 412 with no explain trace, so no code is named as not read.
      codesNotRead: [],
    });
    const tally = emptyTally();
    addPatient(tally, 'key-1', result, { listsIds: false });
    expect(tally.refusedPatients).toEqual(['key-1']);
    expect(tally.rules).toEqual({});
  });

  it('switches the imaging checks off for a malformed study, as the service does', () => {
    const result = cardsOf([
      myeloma,
      liverPlasmacytoma,
      { resourceType: 'ImagingStudy', id: 's1', subject, status: 7 },
    ]);
    const read = readPatient('p1', [myeloma, { resourceType: 'ImagingStudy', subject }]);
    expect([...judgeMalformed(read.malformed, rules).gaps]).toEqual(['ImagingStudy']);
    expect(result.refused).toBe(false);
    expect(result.cards).toEqual([{ ruleId: 'emd-soft-tissue', indicator: 'warning' }]);
  });
});

/** A final CT report of last month concluding with a plasmacytoma no Condition lists. */
const reportedPlasmacytoma = {
  resourceType: 'DiagnosticReport',
  id: 'ct-report',
  subject,
  status: 'final',
  category: [
    { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'RAD' }] },
  ],
  code: { text: 'CT chest abdomen pelvis' },
  effectiveDateTime: '2026-10-10',
  conclusionCode: [{ coding: [{ system: ICD_10_CM, code: 'C90.20' }] }],
};
/** A report whose status is a number: fails the service's shapes. */
const malformedReport = (categoryCode: string) => ({
  resourceType: 'DiagnosticReport',
  id: `bad-${categoryCode}`,
  subject,
  status: 7,
  category: [
    { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: categoryCode }] },
  ],
  code: { text: 'report' },
});

describe('a backtest patient with a malformed report', () => {
  it('still counts the imaging report card beside a malformed lab report (never searched)', () => {
    const result = cardsOf([myeloma, reportedPlasmacytoma, malformedReport('LAB')]);
    expect(result.invalidResources).toBe(1);
    expect(result.cards).toEqual([{ ruleId: 'emd-reported-not-listed', indicator: 'info' }]);
  });

  it('counts no imaging report card beside a malformed imaging report, as the service would', () => {
    const result = cardsOf([myeloma, reportedPlasmacytoma, malformedReport('RAD')]);
    expect(result.invalidResources).toBe(1);
    expect(result.cards).toEqual([]);
  });
});
