/**
 * The timeline reads a patient's data as the service does (docs/clinical-safety.md H37, H51;
 * rules page §2): every resource is checked with the service's shapes before the rules code
 * sees it. A malformed Condition that might be the myeloma or a finding makes the service
 * answer 412, so no card: the timeline draws nothing and names it. One no rule reads (no code,
 * or a code in no value set and no plasmacytoma text) is left out. A malformed study or imaging
 * report counts as imaging data not obtained, and the timeline says so. A malformed Patient is
 * display-only data: left out, the patient named by id. A null or "" name or date, a date in an
 * everyday spelling or one that cannot be read, an id with `_` are read as the service reads
 * them (H102, H103), not as malformed. Resources are typed by hand; the FHIR server is a
 * stand-in answering the timeline's own queries as fhirclient does (`flat`: the entries'
 * resources, one array over every page).
 */
import { describe, expect, it } from 'vitest';
import { timelineSettingsDocument } from '../../src/http/timeline-app.js';
import {
  readPatientRecord,
  type FhirRequests,
  type PatientRead,
} from '../../web/timeline/fhir-data.js';
import { timelineQueries } from '../../web/timeline/fhir-queries.js';
import { buildTimelineModel } from '../../web/timeline/timeline-model.js';
import { compileTimelineSettings } from '../../web/timeline/timeline-settings.js';
import { defaultSettings } from '../support/app.js';

const served = compileTimelineSettings(
  JSON.parse(JSON.stringify(timelineSettingsDocument(defaultSettings))),
);

const ICD_10_CM = 'http://hl7.org/fhir/sid/icd-10-cm';
const SNOMED = 'http://snomed.info/sct';
const RAD = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'RAD' }] };
const subject = { reference: 'Patient/p1' };

const patient = { resourceType: 'Patient', id: 'p1', name: [{ family: 'Lee', given: ['Ana'] }] };
const myeloma = {
  resourceType: 'Condition',
  id: 'mm',
  subject,
  code: { coding: [{ system: ICD_10_CM, code: 'C90.00' }] },
  onsetDateTime: '2026-03-01',
};
/** Extramedullary plasmacytoma of the liver, seen on the CT: true EMD (rules page §3.3). */
const liverPlasmacytoma = {
  resourceType: 'Condition',
  id: 'emp',
  subject,
  code: { coding: [{ system: ICD_10_CM, code: 'C90.20' }] },
  bodySite: [{ coding: [{ system: SNOMED, code: '10200004' }] }],
  onsetDateTime: '2026-09-15',
  evidence: [{ detail: [{ reference: 'ImagingStudy/ct1' }] }],
};
const ct = {
  resourceType: 'ImagingStudy',
  id: 'ct1',
  subject,
  status: 'available',
  started: '2026-09-10',
  description: 'CT abdomen',
};
const ctReport = {
  resourceType: 'DiagnosticReport',
  id: 'ct1-report',
  subject,
  status: 'final',
  category: [RAD],
  code: { text: 'CT abdomen' },
  effectiveDateTime: '2026-09-10',
  imagingStudy: [{ reference: 'ImagingStudy/ct1' }],
};

interface Served {
  patient?: unknown;
  conditions?: unknown[];
  studies?: unknown[];
  reports?: unknown[];
}

/** A FHIR server holding one patient's data; each search answers as fhirclient's `flat`. */
function serverWith(extra: Served = {}): FhirRequests {
  const queries = timelineQueries('p1');
  const answers = new Map<string, unknown>([
    [queries.patient, extra.patient ?? patient],
    [queries.conditions, [myeloma, liverPlasmacytoma, ...(extra.conditions ?? [])]],
    [queries.imagingStudies, [ct, ...(extra.studies ?? [])]],
    [queries.imagingReports, [ctReport, ...(extra.reports ?? [])]],
  ]);
  const request = (query: string) =>
    answers.has(query) ? Promise.resolve(answers.get(query)) : Promise.reject(new Error('404'));
  return { request };
}

const read = (extra?: Served) => readPatientRecord(serverWith(extra), 'p1', served.rules);

/** What the timeline draws of a record it could read. */
function drawn(result: PatientRead) {
  if (result.kind !== 'read') throw new Error(`expected a drawn timeline, got ${result.kind}`);
  const model = buildTimelineModel(result.record, served.rules);
  return {
    findings: model.findings.map((f) => [f.findingClass, f.status, f.references]),
    studies: model.studies.map((s) => [s.reference, s.date, s.findingIds]),
    gaps: [...model.dataGaps],
    patientName: model.patientName,
    conditions: result.record.conditions.map((c) => c.reference),
  };
}

const LIVER = ['emd', 'active', ['Condition/emp']];
const CT = ['ImagingStudy/ct1', '2026-09-10', ['Condition/emp']];

describe('the timeline of a well-formed record', () => {
  it('draws the liver plasmacytoma and the CT it was seen on, with no notice', async () => {
    expect(drawn(await read())).toEqual({
      findings: [LIVER],
      studies: [CT],
      gaps: [],
      patientName: 'Ana Lee',
      conditions: ['Condition/mm', 'Condition/emp'],
    });
  });
});

describe('a malformed Condition a rule might read (the service answers 412, no card)', () => {
  const legacy = { resourceType: 'Condition', id: 'legacy', subject };
  // Each with the fields the service's shapes reject, as FHIRPath, typed from the resource.
  const cases: [string, Record<string, unknown>, string[]][] = [
    [
      'a plasmacytoma whose clinicalStatus is a number, as a legacy HIS writes its status code',
      {
        clinicalStatus: 1,
        code: liverPlasmacytoma.code,
        bodySite: liverPlasmacytoma.bodySite,
      },
      ['clinicalStatus'],
    ],
    [
      // A whole number is read as its digits (H134); a fraction is no code.
      'a fraction where a code belongs',
      { code: { coding: [{ system: ICD_10_CM, code: 90.2 }] } },
      ['code.coding[0].code'],
    ],
    [
      'a myeloma diagnosis with a status written as a number (a legacy code) beside an HL7 v2 date',
      { code: myeloma.code, clinicalStatus: 1, onsetDateTime: '20190101' },
      // The date alone is read as undatable (H102): only what decides a card is named.
      ['clinicalStatus'],
    ],
    ['a Condition whose code is a string', { code: 'C90.20' }, ['code']],
    [
      'a plasmacytoma with three fields wrong, its onset read as undatable (H102)',
      {
        clinicalStatus: 1,
        code: liverPlasmacytoma.code,
        onsetDateTime: 20260915,
        abatementDateTime: 20261001,
      },
      ['clinicalStatus', 'abatementDateTime'],
    ],
  ];
  for (const [what, fields, wrong] of cases)
    it(`draws nothing and names the Condition and its wrong fields: ${what}`, async () => {
      expect(await read({ conditions: [{ ...legacy, ...fields }] })).toEqual({
        kind: 'unreadable',
        references: [{ resourceType: 'Condition', id: 'legacy', fields: wrong }],
      });
    });

  it('names a Condition by its type alone when its id is not a FHIR id, never repeating it', async () => {
    const result = await read({
      conditions: [{ ...legacy, id: '<b>legacy</b> 2019', code: liverPlasmacytoma.code }],
    });
    expect(result).toEqual({
      kind: 'unreadable',
      references: [{ resourceType: 'Condition', id: undefined, fields: ['id'] }],
    });
    expect(JSON.stringify(result)).not.toContain('legacy');
  });
});

describe('a malformed Condition no rule reads (H37: left out)', () => {
  const cases: [string, Record<string, unknown>][] = [
    [
      'a hypertension entry with a status written as a number (a legacy code)',
      { clinicalStatus: 1, code: { coding: [{ system: ICD_10_CM, code: 'I10' }] } },
    ],
    [
      'a Condition without a code, with a status written as a number (a legacy code), dated HL7 v2 style',
      { clinicalStatus: 1, onsetDateTime: '20190101' },
    ],
  ];
  for (const [what, fields] of cases)
    it(`still draws the record, without it: ${what}`, async () => {
      const condition = { resourceType: 'Condition', id: 'legacy', subject, ...fields };
      expect(drawn(await read({ conditions: [condition] }))).toEqual({
        findings: [LIVER],
        studies: [CT],
        gaps: [],
        patientName: 'Ana Lee',
        conditions: ['Condition/mm', 'Condition/emp'],
      });
    });
});

describe('malformed imaging data (counted as not obtained, as by the service)', () => {
  const studies: [string, Record<string, unknown>][] = [
    ['a study whose status is a number', { ...ct, id: 'pet1', status: 7 }],
  ];
  for (const [what, study] of studies)
    it(`says imaging studies could not be read, and does not draw the study: ${what}`, async () => {
      const { gaps, studies: drawnStudies, findings } = drawn(await read({ studies: [study] }));
      expect(gaps).toEqual(['ImagingStudy']);
      expect(drawnStudies).toEqual([CT]);
      expect(findings).toEqual([LIVER]);
    });

  it('says imaging reports could not be read for an imaging report whose status is a number', async () => {
    const report = { ...ctReport, id: 'pet1-report', status: 7 };
    const { gaps, findings } = drawn(await read({ reports: [report] }));
    expect(gaps).toEqual(['DiagnosticReport']);
    expect(findings).toEqual([LIVER]);
  });

  it('leaves out a malformed report that is not an imaging report, as the backtest does', async () => {
    const labReport = {
      resourceType: 'DiagnosticReport',
      id: 'lab1',
      subject,
      status: 7,
      code: { text: 'Serum free light chains' },
    };
    expect(drawn(await read({ reports: [labReport] })).gaps).toEqual([]);
  });
});

// H102, H103: an element that only dates or names a resource is read as the service reads it
// (src/fhir/lenient-reading.ts), so the timeline draws what the cards were made from.
describe('dates, names and ids read leniently, as by the service', () => {
  const findingDates = (result: PatientRead) => {
    if (result.kind !== 'read') throw new Error(`expected a drawn timeline, got ${result.kind}`);
    return buildTimelineModel(result.record, served.rules).findings.map((f) => [
      f.references,
      f.date,
    ]);
  };
  const withPlasmacytoma = (fields: Record<string, unknown>) =>
    readPatientRecord(
      {
        request: (query) =>
          query === timelineQueries('p1').conditions
            ? Promise.resolve([myeloma, { ...liverPlasmacytoma, ...fields }])
            : serverWith().request(query),
      },
      'p1',
      served.rules,
    );

  it('dates a finding whose onset is written with a space for T by the day it spells', async () => {
    expect(findingDates(await withPlasmacytoma({ onsetDateTime: '2026-09-15 08:00:00' }))).toEqual([
      [['Condition/emp'], '2026-09-15T08:00:00'],
    ]);
  });

  it('leaves undated a finding whose onset cannot be read, its recordedDate not standing in', async () => {
    const result = await withPlasmacytoma({
      onsetDateTime: '20260915',
      recordedDate: '2026-10-01',
    });
    expect(findingDates(result)).toEqual([[['Condition/emp'], undefined]]);
  });

  it('draws a finding whose id has an underscore, named by it', async () => {
    const result = await withPlasmacytoma({
      id: 'ZY_2026_001',
      code: { ...liverPlasmacytoma.code, text: null },
    });
    expect(drawn(result).findings).toEqual([['emd', 'active', ['Condition/ZY_2026_001']]]);
  });

  it('draws a study whose started is an object as undated, not as imaging not obtained', async () => {
    const { gaps, studies } = drawn(await read({ studies: [{ ...ct, id: 'pet1', started: {} }] }));
    expect(gaps).toEqual([]);
    expect(studies).toContainEqual(['ImagingStudy/pet1', undefined, []]);
  });

  it('reads an imaging report whose issued is null as having no issued date', async () => {
    const report = { ...ctReport, id: 'pet1-report', issued: null };
    expect(drawn(await read({ reports: [report] })).gaps).toEqual([]);
  });
});

describe('other data the timeline reads', () => {
  it('leaves out a malformed Patient (display only) and names the patient by id', async () => {
    const malformed = { ...patient, id: ['p1'] };
    const result = drawn(await read({ patient: malformed }));
    expect(result.patientName).toBeUndefined();
    expect(result.findings).toEqual([LIVER]);
    expect(result.gaps).toEqual([]);
  });

  // H43: an EHR resolving its queries with a batch may hand on the batch's answer whole; its
  // searchsets are entries of the search, and the Conditions inside them are never read.
  const batchAnswer = (resources: unknown[]) => ({
    resourceType: 'Bundle',
    type: 'batch-response',
    entry: [
      {
        resource: {
          resourceType: 'Bundle',
          type: 'searchset',
          entry: resources.map((resource) => ({ resource })),
        },
      },
    ],
  });

  it('draws nothing when the Conditions come as a batch answer passed on whole (H43, 412)', async () => {
    const result = await read({ conditions: [batchAnswer([liverPlasmacytoma])] });
    expect(result).toEqual({
      kind: 'unreadable',
      // Wrong as a whole, not in a field: no field is named.
      references: [{ resourceType: 'Bundle', id: undefined, fields: [] }],
    });
  });

  it('says imaging reports could not be read when one comes as a batch answer (H43)', async () => {
    expect(drawn(await read({ reports: [batchAnswer([ctReport])] })).gaps).toEqual([
      'DiagnosticReport',
    ]);
  });

  // H131, FHIR R4 bdl-5: an entry "must be a resource unless there's a request or response";
  // a result without one stands for a resource not sent, as the service reads a search page.
  it('draws nothing when a Conditions entry has no resource: a result not sent (H131)', async () => {
    await expect(read({ conditions: [null] })).rejects.toThrow(
      'the search sent a result without its resource',
    );
  });

  it('says imaging studies could not be read when a study entry has no resource (H131)', async () => {
    const { gaps, studies, findings } = drawn(await read({ studies: [undefined] }));
    expect(gaps).toEqual(['ImagingStudy']);
    expect(studies).toEqual([]);
    expect(findings).toEqual([LIVER]);
  });
});

// FHIR R4 §Search (`_summary`, `_elements`): a resource a server sends only in part is tagged
// v3-ObservationValue SUBSETTED and is not to be used as whole. The service reads such data
// afresh or goes without it (H108); the timeline has nowhere else to read it from.
describe('data sent only in part (marked SUBSETTED, H108)', () => {
  const V3_OBSERVATION_VALUE = 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue';
  const V3_OBSERVATION_VALUE_STU3 = 'http://hl7.org/fhir/v3/ObservationValue';
  const inPart = (system = V3_OBSERVATION_VALUE) => ({ tag: [{ system, code: 'SUBSETTED' }] });
  /** Refuted on the EHR; as `_elements=code,subject,bodySite` sends it: no statuses. */
  const refutedMeninges = (system?: string) => ({
    resourceType: 'Condition',
    id: 'meninges-refuted',
    meta: inPart(system),
    subject,
    code: { coding: [{ system: ICD_10_CM, code: 'C90.20' }] },
    bodySite: [{ coding: [{ system: SNOMED, code: '1231004' }] }],
  });

  for (const system of [V3_OBSERVATION_VALUE, V3_OBSERVATION_VALUE_STU3])
    it(`draws nothing and names a Condition sent in part, never reading it as whole (${system})`, async () => {
      expect(await read({ conditions: [refutedMeninges(system)] })).toEqual({
        kind: 'unreadable',
        references: [
          { resourceType: 'Condition', id: 'meninges-refuted', fields: [], sentInPart: true },
        ],
      });
    });

  // H141: SUBSETTED in meta.security reads as in meta.tag.
  it('draws nothing for a Condition marked SUBSETTED in meta.security (H141)', async () => {
    const meta = { security: [{ system: V3_OBSERVATION_VALUE, code: 'SUBSETTED' }] };
    expect(await read({ conditions: [{ ...refutedMeninges(), meta }] })).toEqual({
      kind: 'unreadable',
      references: [
        { resourceType: 'Condition', id: 'meninges-refuted', fields: [], sentInPart: true },
      ],
    });
  });

  // H141: REDACTED (removed by the sender's policy) is not sent in part: read as sent, a status
  // absent from it read as not readable, so the finding is drawn as uncertain, never as whole.
  it.each([
    ['meta.security', { security: [{ system: V3_OBSERVATION_VALUE, code: 'REDACTED' }] }],
    ['meta.tag', { tag: [{ system: V3_OBSERVATION_VALUE, code: 'REDACTED' }] }],
  ])('draws a Condition marked REDACTED in %s, uncertain (H141)', async (_place, meta) => {
    const result = await read({ conditions: [{ ...refutedMeninges(), meta }] });
    expect(drawn(result).findings).toEqual([
      LIVER,
      ['leptomeningeal', 'active', ['Condition/meninges-refuted']],
    ]);
    if (result.kind !== 'read') throw new Error('drawn above');
    const model = buildTimelineModel(result.record, served.rules);
    expect(model.findings.map((f) => f.isUncertain)).toEqual([false, true]);
  });

  it('says imaging studies could not be read, drawing none of them, for a study sent in part', async () => {
    const pet = { ...ct, id: 'pet1', meta: inPart() };
    const { gaps, studies, findings } = drawn(await read({ studies: [pet] }));
    expect(gaps).toEqual(['ImagingStudy']);
    expect(studies).toEqual([]);
    expect(findings).toEqual([LIVER]);
  });

  it('says imaging reports could not be read for a report sent in part', async () => {
    const report = { ...ctReport, id: 'pet1-report', meta: inPart() };
    expect(drawn(await read({ reports: [report] })).gaps).toEqual(['DiagnosticReport']);
  });

  it('reads a Patient sent in part as it is: display only', async () => {
    const result = drawn(await read({ patient: { ...patient, meta: inPart() } }));
    expect(result.patientName).toBe('Ana Lee');
    expect(result.findings).toEqual([LIVER]);
  });
});

// CDS Hooks 2.0 §Prefetch: "CDS Services SHOULD check any prefetched data for the existence of
// OperationOutcomes"; the service counts a search page reporting an error as not had (H01).
// The timeline reads it the same way: never as a record with fewer data.
describe('a search whose page reports an error', () => {
  const failed = {
    resourceType: 'OperationOutcome',
    issue: [{ severity: 'error', code: 'exception', diagnostics: 'page 2 timed out' }],
  };
  const warning = {
    resourceType: 'OperationOutcome',
    issue: [{ severity: 'warning', code: 'informational' }],
  };

  it('of the Conditions: no timeline drawn from part of the record', async () => {
    await expect(read({ conditions: [failed] })).rejects.toThrow('the search reported an error');
  });

  it('of the imaging studies or reports: the record drawn, imaging said not obtained', async () => {
    const studies = drawn(await read({ studies: [failed] }));
    expect(studies.gaps).toEqual(['ImagingStudy']);
    expect(studies.studies).toEqual([]);
    const reports = drawn(await read({ reports: [failed] }));
    expect(reports.gaps).toEqual(['DiagnosticReport']);
  });

  it('but a warning on the page is no failure', async () => {
    expect(drawn(await read({ conditions: [warning] })).findings).toEqual([LIVER]);
  });

  // H131, FHIR R4 IssueType `incomplete`: "Not all data sources typically accessed could be
  // reached or responded in time, so the returned information might not be complete".
  const incomplete = {
    resourceType: 'OperationOutcome',
    issue: [{ severity: 'warning', code: 'incomplete' }],
  };

  it('of the Conditions, saying it may be incomplete: no timeline from part of the record', async () => {
    await expect(read({ conditions: [incomplete] })).rejects.toThrow(
      'the search reported an error',
    );
  });

  it('of the imaging studies, saying it may be incomplete: imaging said not obtained', async () => {
    expect(drawn(await read({ studies: [incomplete] })).gaps).toEqual(['ImagingStudy']);
  });

  // `suppressed` (withheld by consent or access rules) is read past, as the service reads it.
  it('but a page saying results were withheld draws what it holds', async () => {
    const withheld = { ...incomplete, issue: [{ severity: 'warning', code: 'suppressed' }] };
    expect(drawn(await read({ conditions: [withheld] })).findings).toEqual([LIVER]);
  });
});
