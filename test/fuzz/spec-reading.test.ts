/**
 * The fuzz oracle's reading of a Condition (./spec-reading.ts) against the rules page §2 and
 * issue #13, case by case: an oracle must be checked before it may judge the service.
 */
import { describe, expect, it } from 'vitest';
import { alarmGrade, isSurely, mayBeHistoryOfAnother, myelomaGrade } from './spec-reading.js';

const R4 = 'http://terminology.hl7.org/CodeSystem/condition-';
const STU3 = 'http://hl7.org/fhir/condition-';
const ICD = 'http://hl7.org/fhir/sid/icd-10-cm';
const status = (system: string, code: string) => ({ coding: [{ system, code }] });
const plasmacytoma = (fields: object = {}) => ({
  resourceType: 'Condition',
  code: { coding: [{ system: ICD, code: 'C90.20' }] },
  ...fields,
});

describe('how far a plasmacytoma can carry an alarm (alarmGrade)', () => {
  const cases: [string, object, string][] = [
    ['no status at all (§2: confirmed and active)', plasmacytoma(), 'certain'],
    [
      'active, confirmed under R4',
      plasmacytoma({ clinicalStatus: status(`${R4}clinical`, 'active') }),
      'certain',
    ],
    [
      'active under STU3',
      plasmacytoma({ clinicalStatus: status(`${STU3}clinical`, 'active') }),
      'certain',
    ],
    [
      'resolved under R4',
      plasmacytoma({ clinicalStatus: status(`${R4}clinical`, 'resolved') }),
      'none',
    ],
    [
      'resolved under STU3',
      plasmacytoma({ clinicalStatus: status(`${STU3}clinical`, 'resolved') }),
      'none',
    ],
    [
      'in remission as text only',
      plasmacytoma({ clinicalStatus: { text: 'In remission' } }),
      'none',
    ],
    [
      'refuted under STU3',
      plasmacytoma({ verificationStatus: status(`${STU3}ver-status`, 'refuted') }),
      'none',
    ],
    [
      'entered in error as text only',
      plasmacytoma({ verificationStatus: { text: 'entered in error' } }),
      'none',
    ],
    [
      'abated, status active',
      plasmacytoma({
        clinicalStatus: status(`${R4}clinical`, 'active'),
        abatementDateTime: '2020',
      }),
      'none',
    ],
    ['abated as a string', plasmacytoma({ abatementString: 'in 2019' }), 'none'],
    // H96: a date after the fuzz's now (2026-11-01), or a text saying it has not abated, may
    // be read as no abatement yet; the oracle keeps that reading beside the letter's.
    ['abated after now', plasmacytoma({ abatementDateTime: '2027-03-01' }), 'certain'],
    ['abated "ongoing"', plasmacytoma({ abatementString: 'Ongoing.' }), 'certain'],
    // H69: FHIR's JSON has no nulls; an abatement written as null holds none.
    ['an abatement written as null', plasmacytoma({ abatementString: null }), 'certain'],
    // H122: nor an empty string; an abatementString of blanks only holds none either.
    ['an abatementString written as ""', plasmacytoma({ abatementString: '' }), 'certain'],
    ['an abatementString of blanks only', plasmacytoma({ abatementString: ' \n ' }), 'certain'],
    [
      'an abatementPeriod with a null start and end',
      plasmacytoma({ abatementPeriod: { start: null, end: null } }),
      'certain',
    ],
    [
      'every abatement written as null',
      plasmacytoma({ abatementDateTime: null, abatementPeriod: null, abatementAge: null }),
      'certain',
    ],
    [
      'unconfirmed under R4',
      plasmacytoma({ verificationStatus: status(`${R4}ver-status`, 'unconfirmed') }),
      'uncertain',
    ],
    [
      'verified in a local code system',
      plasmacytoma({ verificationStatus: status('https://ehr.example.org/s', 'C') }),
      'uncertain',
    ],
    [
      '"active" in a local code system',
      plasmacytoma({ clinicalStatus: status('https://ehr.example.org/s', 'active') }),
      'uncertain',
    ],
    // Readable more than one way: the reading most favourable to the service wins.
    [
      '"ACTIVE" upper-cased under R4',
      plasmacytoma({ clinicalStatus: status(`${R4}clinical`, 'ACTIVE') }),
      'certain',
    ],
    [
      'a text-only status outside the word list',
      plasmacytoma({ clinicalStatus: { text: 'see notes' } }),
      'certain',
    ],
    [
      'text only, no coding (§2 "Text only")',
      { resourceType: 'Condition', code: { text: 'Plasmacytoma of skin' } },
      'none',
    ],
    [
      'coded outside the value sets, mentioning extramedullary',
      {
        resourceType: 'Condition',
        code: { coding: [{ system: ICD, code: 'D75.89' }], text: 'Extramedullary hematopoiesis' },
      },
      'none',
    ],
    [
      'C90.20 without the dot, under the ICD-10-CM OID',
      {
        resourceType: 'Condition',
        code: { coding: [{ system: 'urn:oid:2.16.840.1.113883.6.90', code: 'C9020' }] },
      },
      'certain',
    ],
  ];
  for (const [name, condition, grade] of cases)
    it(`${name}: ${grade}`, () => {
      expect(alarmGrade(condition as Record<string, unknown>)).toBe(grade);
    });
});

describe('how surely a Condition makes a myeloma patient (myelomaGrade, §3.1)', () => {
  const myeloma = (fields: object = {}) => ({
    resourceType: 'Condition',
    code: { coding: [{ system: ICD, code: 'C90.02' }] },
    ...fields,
  });
  it('counts history: a relapse resolved years ago still makes a myeloma patient', () => {
    const resolved = myeloma({
      clinicalStatus: status(`${STU3}clinical`, 'resolved'),
      abatementDateTime: '2019',
    });
    expect(myelomaGrade(resolved)).toBe('certain');
    // …but history carries no alarm of its own (§2).
    expect(alarmGrade(resolved)).toBe('none');
  });
  it('ignores refuted myeloma, under the STU3 URI too', () => {
    expect(
      myelomaGrade(myeloma({ verificationStatus: status(`${STU3}ver-status`, 'refuted') })),
    ).toBe('none');
  });
  it('is uncertain for a provisional myeloma, and none for a plasmacytoma', () => {
    expect(
      myelomaGrade(myeloma({ verificationStatus: status(`${R4}ver-status`, 'provisional') })),
    ).toBe('uncertain');
    expect(myelomaGrade(plasmacytoma())).toBe('none');
  });
});

describe('what is surely a finding or a myeloma, under every reading (isSurely)', () => {
  it('is a plasmacytoma without statuses, or active and confirmed under R4', () => {
    expect(isSurely('finding', plasmacytoma())).toBe(true);
    const tidy = plasmacytoma({ clinicalStatus: status(`${R4}clinical`, 'active') });
    expect(isSurely('finding', tidy)).toBe(true);
  });
  it('is not a record that could be read otherwise: respelled status or code, unconfirmed', () => {
    const upper = plasmacytoma({ clinicalStatus: status(`${R4}clinical`, 'ACTIVE') });
    expect(isSurely('finding', upper)).toBe(false);
    const lower = {
      resourceType: 'Condition',
      code: { coding: [{ system: ICD, code: 'c90.20' }] },
    };
    expect(isSurely('finding', lower)).toBe(false);
    const unconfirmed = plasmacytoma({
      verificationStatus: status(`${R4}ver-status`, 'unconfirmed'),
    });
    expect(isSurely('finding', unconfirmed)).toBe(false);
  });
  it('is an active plasmacytoma whose abatementString the hazard names as not abated (H96)', () => {
    for (const abatementString of [
      'ongoing',
      'Not resolved.',
      'N/A',
      'Unknown',
      '持续',
      '未缓解。',
    ]) {
      const ongoing = plasmacytoma({
        clinicalStatus: status(`${R4}clinical`, 'active'),
        abatementString,
      });
      expect(isSurely('finding', ongoing), abatementString).toBe(true);
    }
  });
  it('is not one whose abatementString may be an abatement, or only may say not abated', () => {
    const cases = [
      plasmacytoma({ abatementString: 'resolved in 2019' }),
      // Words the hazard does not name: both readings kept.
      plasmacytoma({ abatementString: 'none' }),
      plasmacytoma({ abatementString: '无' }),
      // Another abatement beside it may be the one read.
      plasmacytoma({ abatementString: 'ongoing', abatementDateTime: '2020-01-01' }),
      // Not abated, but resolved by its status.
      plasmacytoma({
        clinicalStatus: status(`${R4}clinical`, 'resolved'),
        abatementString: 'ongoing',
      }),
    ];
    for (const condition of cases) expect(isSurely('finding', condition)).toBe(false);
    expect(alarmGrade(plasmacytoma({ abatementString: 'none' }))).toBe('certain');
  });
  it('counts a myeloma in remission as surely myeloma (§3.1), a plasmacytoma not', () => {
    const remission = {
      resourceType: 'Condition',
      code: { coding: [{ system: ICD, code: 'C90.01' }] },
      clinicalStatus: status(`${R4}clinical`, 'remission'),
    };
    expect(isSurely('myeloma', remission)).toBe(true);
    expect(isSurely('myeloma', plasmacytoma())).toBe(false);
  });
});

describe('a status-less plasmacytoma as the history of another recording (H94)', () => {
  const brain = { coding: [{ system: 'http://snomed.info/sct', code: '12738006' }] };
  const liver = { coding: [{ system: 'http://snomed.info/sct', code: '10200004' }] };
  const resolved = plasmacytoma({
    clinicalStatus: status(`${R4}clinical`, 'resolved'),
    bodySite: [brain],
    abatementDateTime: '2020-06-01',
  });
  const encounterDx = (fields: object) => plasmacytoma({ bodySite: [brain], ...fields });
  it("may be, dated before the other's abatement, at the same site", () => {
    const older = encounterDx({ recordedDate: '2019-04-10' });
    expect(mayBeHistoryOfAnother(older, [resolved, older])).toBe(true);
  });
  it('is not, dated long after, undated, at another site, or with a clinicalStatus', () => {
    const cases = [
      encounterDx({ recordedDate: '2026-10-01' }),
      encounterDx({}),
      plasmacytoma({ bodySite: [liver], recordedDate: '2019-04-10' }),
      encounterDx({
        recordedDate: '2019-04-10',
        clinicalStatus: status(`${R4}clinical`, 'active'),
      }),
    ];
    for (const condition of cases)
      expect(mayBeHistoryOfAnother(condition, [resolved, condition])).toBe(false);
  });
  it('is not, beside a recording whose only abatement says it has not abated (H96)', () => {
    const ongoing = plasmacytoma({ bodySite: [brain], abatementString: 'ongoing' });
    const older = encounterDx({ recordedDate: '2019-04-10' });
    expect(mayBeHistoryOfAnother(older, [ongoing, older])).toBe(false);
  });
  it('is not, beside a recording of the same site that is not history', () => {
    const active = plasmacytoma({
      bodySite: [brain],
      onsetDateTime: '2020-06-01',
      abatementDateTime: null,
    });
    const older = encounterDx({ recordedDate: '2019-04-10' });
    expect(mayBeHistoryOfAnother(older, [active, older])).toBe(false);
  });
});
