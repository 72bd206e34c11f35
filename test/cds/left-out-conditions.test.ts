/**
 * A malformed Condition that no rule reads is left out of the call's data, and the explain
 * trace says where and why (src/cds/unrelated-condition.ts). What "no rule reads" means is
 * typed here from the rules page: §2 (codes come from the value sets; text-only plasmacytoma
 * patterns), §5 (the codes).
 */
import { describe, expect, it } from 'vitest';
import { gatherPatientData } from '../../src/cds/patient-data.js';
import { dataNeedsOf } from '../../src/cds/service-definition.js';
import { isUnrelatedCondition } from '../../src/cds/unrelated-condition.js';
import { loadDefaultSettings } from '../../src/config/load-settings.js';

const settings = loadDefaultSettings();
const rules = settings.rules;
const patientView = settings.services.find((s) => s.id === 'emd-patient-view');
if (!patientView) throw new Error('emd-patient-view is a shipped service');

const ICD_10_CM = 'http://hl7.org/fhir/sid/icd-10-cm';
const SNOMED = 'http://snomed.info/sct';
const legacy = (code: unknown) => ({
  resourceType: 'Condition',
  subject: { reference: 'Patient/p1' },
  clinicalStatus: 1,
  ...(code === undefined ? {} : { code }),
});

describe('isUnrelatedCondition', () => {
  it.each([
    ['hypertension (ICD-10-CM I10)', { coding: [{ system: ICD_10_CM, code: 'I10' }] }],
    ['type 2 diabetes (SNOMED CT 44054006)', { coding: [{ system: SNOMED, code: '44054006' }] }],
    [
      'a local code named "Hypertension"',
      { coding: [{ system: 'urn:x', code: 'H', display: 'Hypertension' }] },
    ],
    ['text only: "Gout"', { text: 'Gout' }],
    ['no code at all', undefined],
  ])('says %s is one no rule reads', (_name, code) => {
    expect(isUnrelatedCondition(legacy(code), rules)).toBe(true);
  });

  it.each([
    ['multiple myeloma C90.00', { coding: [{ system: ICD_10_CM, code: 'C90.00' }] }],
    ['multiple myeloma C9000, no dot', { coding: [{ system: ICD_10_CM, code: 'C9000' }] }],
    ['plasma cell leukaemia C90.10', { coding: [{ system: ICD_10_CM, code: 'C90.10' }] }],
    ['extramedullary plasmacytoma C90.20', { coding: [{ system: ICD_10_CM, code: 'C90.20' }] }],
    ['multiple myeloma SNOMED CT 109989006', { coding: [{ system: SNOMED, code: '109989006' }] }],
    ['text "Plasmacytoma of the skin"', { text: 'Plasmacytoma of the skin' }],
    // A whole number is read as its digits before this judge (H134); a fraction reaches it.
    ['a coding whose code is not a string', { coding: [{ system: ICD_10_CM, code: 90.5 }] }],
    ['codings that are not a list', { coding: 'C90.00' }],
  ])('says %s might be read by a rule', (_name, code) => {
    expect(isUnrelatedCondition(legacy(code), rules)).toBe(false);
  });

  it('concerns Conditions only', () => {
    expect(isUnrelatedCondition({ resourceType: 'ImagingStudy', status: 7 }, rules)).toBe(false);
    expect(isUnrelatedCondition('Condition', rules)).toBe(false);
    expect(isUnrelatedCondition(null, rules)).toBe(false);
  });
});

describe('gatherPatientData', () => {
  it('notes each Condition it left out in the trace, by place and problem only', async () => {
    const conditions = {
      resourceType: 'Bundle',
      type: 'searchset',
      entry: [
        {
          resource: {
            resourceType: 'Condition',
            subject: { reference: 'Patient/p1' },
            code: { coding: [{ system: ICD_10_CM, code: 'C90.00' }] },
          },
        },
        {
          resource: legacy({ coding: [{ system: ICD_10_CM, code: 'I10' }], text: 'secret words' }),
        },
      ],
    };
    const gathered = await gatherPatientData(
      dataNeedsOf(patientView),
      { conditions, imagingStudies: null, imagingReports: null, patient: null },
      { patientId: 'p1' },
      { unusableBecause: 'the request has no fhirServer' },
      (resource) => isUnrelatedCondition(resource, rules),
    );
    expect(gathered.resources).toHaveLength(1);
    expect(gathered.notes).toEqual([
      'prefetch.conditions: malformed Condition left out, as no rule reads it (its code is in no value set and matches no plasmacytoma text pattern): entry[1].resource is not valid (clinicalStatus: Invalid input: expected object, received number)',
    ]);
  });

  it('names a left-out Condition as a Condition, whatever search returned it', async () => {
    const imagingStudies = {
      resourceType: 'Bundle',
      type: 'searchset',
      entry: [{ resource: legacy({ coding: [{ system: ICD_10_CM, code: 'I10' }] }) }],
    };
    const gathered = await gatherPatientData(
      dataNeedsOf(patientView),
      {
        conditions: { resourceType: 'Bundle', type: 'searchset', entry: [] },
        imagingStudies,
        imagingReports: null,
        patient: null,
      },
      { patientId: 'p1' },
      { unusableBecause: 'the request has no fhirServer' },
      (resource) => isUnrelatedCondition(resource, rules),
    );
    expect(gathered.notes).toContainEqual(
      'prefetch.imagingStudies: malformed Condition left out, as no rule reads it (its code is in no value set and matches no plasmacytoma text pattern): entry[0].resource is not valid (clinicalStatus: Invalid input: expected object, received number)',
    );
  });
});
