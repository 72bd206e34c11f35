/**
 * H102, H103, H111–H113, H119: every reader of arriving data reads a resource alike
 * (src/fhir/read-resource.ts): the service's prefetch and FHIR pages (src/fhir/parse-fhir-data.ts),
 * and the backtest and the timeline app (src/cds/malformed-data.ts). The record's explain trace
 * names each element read leniently and what the feed should send, once per element, bounded,
 * and echoes no record text but a date spelling or a status code's. Expected values are typed from the rules page (§2, §3.2, §4) and FHIR R4.
 */
import { describe, expect, it } from 'vitest';
import { evaluatePatient, readPatient } from '../../src/backtest/evaluate-patient.js';
import { checkGathered, judgeMalformed } from '../../src/cds/malformed-data.js';
import { loadDefaultSettings } from '../../src/config/load-settings.js';
import { parseSearchPage } from '../../src/fhir/parse-fhir-data.js';
import { buildPatientRecord, type SourcedResource } from '../../src/rules/patient-record.js';

const settings = loadDefaultSettings().rules;
const NOW = new Date('2026-11-01T00:00:00Z');
const ICD_10_CM = 'http://hl7.org/fhir/sid/icd-10-cm';
const SNOMED = 'http://snomed.info/sct';
const subject = { reference: 'Patient/p1' };

/** Newly diagnosed myeloma (rules page §5: C90.00), dated 2026-10-02. */
const myeloma = {
  resourceType: 'Condition',
  id: 'mm',
  subject,
  code: { coding: [{ system: ICD_10_CM, code: 'C90.00' }] },
  onsetDateTime: '2026-10-02',
};
/** A meningeal plasmacytoma (C90.20 at meninges 1231004): leptomeningeal, critical (§4). */
const meningeal = (fields: Record<string, unknown>) => ({
  resourceType: 'Condition',
  id: 'pc',
  subject,
  code: { coding: [{ system: ICD_10_CM, code: 'C90.20' }] },
  bodySite: [{ coding: [{ system: SNOMED, code: '1231004' }] }],
  ...fields,
});
const study = {
  resourceType: 'ImagingStudy',
  id: 'mr_2026_1',
  subject,
  status: 'available',
  started: '2026-10-19 09:00:00',
  description: null,
};

const serviceRead = (resources: unknown[]): SourcedResource[] => {
  const page = parseSearchPage({
    resourceType: 'Bundle',
    type: 'searchset',
    entry: resources.map((resource) => ({ resource })),
  });
  if (!page.ok) throw new Error(page.problem);
  return page.value.resources;
};
const exportRead = (resources: unknown[]): SourcedResource[] => {
  const checked = checkGathered(resources.map((resource) => ({ resource, from: 'Condition' })));
  expect(checked.malformed).toEqual([]);
  return checked.resources;
};
const lenientLines = (sourced: SourcedResource[]) =>
  buildPatientRecord('p1', sourced).trace.filter((line) =>
    line.message.startsWith('read leniently'),
  );

describe('the service, the backtest and the timeline read a resource alike', () => {
  const resources = [
    myeloma,
    meningeal({ id: 'ZY_2026_001', onsetDateTime: '2026/10/20', recordedDate: '' }),
    study,
  ];

  it('reads the same copies, with the same readings and trace lines', () => {
    const [service, exported] = [serviceRead(resources), exportRead(resources)];
    expect(exported.map((s) => [s.resource, s.readings])).toEqual(
      service.map((s) => [s.resource, s.readings]),
    );
    expect(lenientLines(exported)).toEqual(lenientLines(service));
    expect(service[1]?.resource).toMatchObject({ id: 'ZY_2026_001', onsetDateTime: '2026-10-20' });
    expect(service[1]?.resource).not.toHaveProperty('recordedDate');
  });

  it('judges a malformed Condition as read, so a null text does not keep one no rule reads (H37)', () => {
    const hypertension = {
      resourceType: 'Condition',
      id: 'htn',
      subject,
      // A wrong type (H111–H113 read a null or an STU3 string status, not a number).
      clinicalStatus: 7,
      code: { coding: [{ system: ICD_10_CM, code: 'I10' }], text: null },
    };
    const { malformed } = checkGathered([{ resource: hypertension, from: 'Condition' }]);
    expect(malformed.map((m) => m.fields)).toEqual([['clinicalStatus']]);
    expect(judgeMalformed(malformed, settings).refusedBy).toEqual([]);
  });

  it('counts the card in the backtest, the phase as the date says (§3.2: 18 days from the myeloma)', () => {
    const read = readPatient('p1', resources);
    expect(read.invalidResources).toBe(0);
    const result = evaluatePatient(read, 'patient-view', settings, NOW);
    expect(result.refused).toBe(false);
    expect(result.cards).toEqual([{ ruleId: 'emd-leptomeningeal', indicator: 'critical' }]);
  });
});

describe("the record's explain trace", () => {
  it('names each element, what it held, how it was read and what the feed should send', () => {
    const lines = lenientLines(
      serviceRead([
        meningeal({
          id: 'ZY_2026_001',
          onsetDateTime: '2026-10-20 08:00:00',
          code: {
            text: null,
            coding: [
              { system: ICD_10_CM, code: 'C90.20', display: null },
              { system: 'urn:oid:1.2.3', code: 'EMP', display: null },
            ],
          },
        }),
        study,
      ]),
    );
    expect(lines).toEqual([
      {
        reference: 'Condition/ZY_2026_001',
        message:
          'read leniently (H102, H103): its id has characters a FHIR id does not allow ("_" or "~"): kept as written, so references must name it exactly (the feed should send ids of letters, digits, "-" and "."); code.text held null: read as absent (the feed should leave it out); code.coding.display held null (2 places): read as absent (the feed should leave it out); onsetDateTime "2026-10-20 08:00:00" read as 2026-10-20T08:00:00 (a space for T): the feed should send 2026-10-20T08:00:00',
      },
      {
        reference: 'ImagingStudy/mr_2026_1',
        message:
          'read leniently (H102, H103): its id has characters a FHIR id does not allow ("_" or "~"): kept as written, so references must name it exactly (the feed should send ids of letters, digits, "-" and "."); started "2026-10-19 09:00:00" read as 2026-10-19T09:00:00 (a space for T): the feed should send 2026-10-19T09:00:00; description held null: read as absent (the feed should leave it out)',
      },
    ]);
  });

  it('echoes no text of a date it could not read, and stays one short line for a long list', () => {
    const secret = `Ana Lee, MRN 12345 ${'x'.repeat(100_000)}`;
    const coding = Array.from({ length: 20_000 }, (_, i) => ({
      system: 'urn:oid:1.2.3',
      code: String(i),
      display: null,
    }));
    const [line] = lenientLines(
      serviceRead([meningeal({ onsetDateTime: secret, code: { coding: [...coding] } })]),
    );
    expect(line?.message).not.toContain('Ana Lee');
    expect(line?.message.length).toBeLessThan(400);
    expect(line?.message).toContain('onsetDateTime is not a FHIR date: read as undatable');
    expect(line?.message).toContain('code.coding.display held null (20000 places)');
  });

  it('says the nulls once, an abatement and an STU3 status as read, and what to send (H111–H113)', () => {
    const lines = lenientLines(
      serviceRead([
        meningeal({
          id: 'pc1',
          code: {
            coding: [
              { system: ICD_10_CM, code: 'C90.20' },
              { system: null, code: 'HIS-1' },
              { system: null, code: 'HIS-2' },
            ],
          },
          bodySite: [{ coding: [{ system: SNOMED, code: '1231004' }] }, { coding: null }],
          evidence: [{ detail: null }],
          clinicalStatus: 'Resolved',
          abatementDateTime: '2025-06-01 00:00:00',
        }),
        meningeal({ id: 'pc2', verificationStatus: 'Ana Lee says no', abatementDateTime: 'soon' }),
      ]),
    );
    expect(lines).toEqual([
      {
        reference: 'Condition/pc1',
        message:
          'read leniently (H111, H112, H113): clinicalStatus written as the text "Resolved" (FHIR STU3\'s form): read as the code resolved; the feed should send a CodeableConcept; abatementDateTime "2025-06-01 00:00:00" read as 2025-06-01T00:00:00 (a space for T): the feed should send 2025-06-01T00:00:00; null elements read as absent: code.coding.system (2 places), bodySite.coding, evidence.detail; the feed should leave them out',
      },
      {
        reference: 'Condition/pc2',
        message:
          "read leniently (H112, H113): verificationStatus written as a string (FHIR STU3's form) that is none of its codes: read as status text (statusWords); the feed should send a CodeableConcept; abatementDateTime is not a FHIR date: read as an abatement of unknown date, so the Condition is history (rules page §2; the feed should send a FHIR date, such as 2026-10-20 or 2026-10-20T08:00:00+08:00)",
      },
    ]);
  });

  it('says a code as a number and a lone object as read, and what to send (H134)', () => {
    const lines = lenientLines(
      serviceRead([
        meningeal({
          id: 'pc6',
          code: { coding: { system: ICD_10_CM, code: 'C90.20' } },
          bodySite: [
            { coding: [{ system: SNOMED, code: 1231004 }] },
            { coding: [{ system: SNOMED, code: 65216001 }] },
          ],
        }),
      ]),
    );
    expect(lines).toEqual([
      {
        reference: 'Condition/pc6',
        message:
          'read leniently (H134): code.coding written as one object where FHIR JSON writes a list: read as a list of that one item (the feed should send an array); bodySite.coding.code written as a JSON number (2 places): read as the code of its digits (the feed should send a code as a string)',
      },
    ]);
  });

  it('says the null items left out, and an abatementPeriod as read, and what to send (H111, H119)', () => {
    const site = { coding: [{ system: SNOMED, code: '1231004' }] };
    const lines = lenientLines(
      serviceRead([
        meningeal({
          id: 'pc3',
          code: { coding: [{ system: ICD_10_CM, code: 'C90.20' }, null, null] },
          bodySite: [site, null],
          clinicalStatus: { coding: [{ code: 'resolved' }] },
          abatementPeriod: { start: '2025-06-01 00:00:00' },
        }),
        meningeal({ id: 'pc4', abatementPeriod: { start: null, end: null } }),
        meningeal({ id: 'pc5', abatementPeriod: { start: 'Ana Lee, after RT' } }),
      ]),
    );
    expect(lines).toEqual([
      {
        reference: 'Condition/pc3',
        message:
          'read leniently (H111, H119): abatementPeriod.start "2025-06-01 00:00:00" read as 2025-06-01T00:00:00 (a space for T): the feed should send 2025-06-01T00:00:00; null items left out of their lists: code.coding (2 places), bodySite; the feed should leave them out',
      },
      {
        reference: 'Condition/pc4',
        message:
          'read leniently (H119): abatementPeriod held no start and no end (null or ""): read as no abatement, as a null one is (H69, H122), so the Condition is read by its clinicalStatus (the feed should leave abatementPeriod out, or send its dates)',
      },
      {
        reference: 'Condition/pc5',
        message:
          'read leniently (H119): abatementPeriod.start is not a FHIR date: read as an abatement of unknown date, so the Condition is history (rules page §2; the feed should send a FHIR date, such as 2026-10-20 or 2026-10-20T08:00:00+08:00)',
      },
    ]);
  });

  it("says nothing of another patient's resource, which the record drops (rules page §2)", () => {
    const other = meningeal({ subject: { reference: 'Patient/p2' }, onsetDateTime: null });
    expect(lenientLines(serviceRead([other]))).toEqual([]);
  });
});

describe('a study or report status sent only as _status (H142)', () => {
  it('names the element, how it was read and what the feed should send', () => {
    const absent = {
      extension: [
        {
          url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason',
          valueCode: 'unknown',
        },
      ],
    };
    const lines = lenientLines(
      serviceRead([{ resourceType: 'ImagingStudy', id: 'mr1', subject, _status: absent }]),
    );
    expect(lines).toEqual([
      {
        reference: 'ImagingStudy/mr1',
        message:
          'read leniently (H142): status sent with no value, only an extension in _status (FHIR JSON\'s form for a value that is absent, as a data-absent-reason): read as "unknown", the code FHIR gives a status the sender does not know: neither available imaging nor withdrawn (the feed should send the status when it has it)',
      },
    ]);
  });
});
