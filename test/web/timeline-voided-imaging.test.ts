/**
 * Imaging entered in error or cancelled on the timeline (H50). An ImagingStudy entered in error
 * was created in error, typically under the wrong patient; a cancelled one was not started or not
 * completed (FHIR R4 ImagingStudy.status). Neither is a finding's source (H46), so no line links
 * a finding to it; the imaging lane still draws it, marked and said in words in the chosen
 * language, so a study a clinician may have seen in the EHR does not silently vanish. The patient
 * is test/fixtures/voided-imaging/finding-cites-voided-study.json: a liver plasmacytoma citing a
 * PET/CT entered in error, the report on it, and an available CT abdomen.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config/project-paths.js';
import { timelineSettingsDocument } from '../../src/http/timeline-app.js';
import { buildPatientRecord, flattenResources } from '../../src/rules/patient-record.js';
import { labelsFor } from '../../web/timeline/labels.js';
import { buildTimelineModel } from '../../web/timeline/timeline-model.js';
import { compileTimelineSettings } from '../../web/timeline/timeline-settings.js';
import { defaultSettings } from '../support/app.js';

const PATIENT = 'finding-cites-voided-study';
const PET = `ImagingStudy/${PATIENT}-pet1`;
const CT = `ImagingStudy/${PATIENT}-ct1`;
const FINDING = `Condition/${PATIENT}-pc1`;

const served = compileTimelineSettings(
  JSON.parse(JSON.stringify(timelineSettingsDocument(defaultSettings))),
);

/** The fixture, with each named resource's status changed (id suffix → status). */
function modelWith(statuses: Record<string, string> = {}) {
  const bundle = JSON.parse(
    readFileSync(
      join(PROJECT_ROOT, 'test', 'fixtures', 'voided-imaging', `${PATIENT}.json`),
      'utf8',
    ),
  ) as fhir4.Bundle;
  for (const entry of bundle.entry ?? []) {
    // Written as untyped data: the fixture is edited as an EHR's export would differ.
    const resource: { id?: string; status?: string } | undefined = entry.resource;
    const status = resource?.id && statuses[resource.id.slice(PATIENT.length + 1)];
    if (resource && status) resource.status = status;
  }
  return buildTimelineModel(buildPatientRecord(PATIENT, flattenResources([bundle])), served.rules);
}

const studiesOf = (model: ReturnType<typeof modelWith>) =>
  model.studies.map((s) => [s.reference, s.voidStatus, s.findingIds]);

describe('a study entered in error on the timeline', () => {
  it('is still on the imaging lane, marked entered in error, linked to no finding', () => {
    expect(studiesOf(modelWith())).toEqual([
      [PET, 'entered-in-error', []],
      [CT, undefined, [FINDING]],
    ]);
  });

  it('says so in English and in Simplified Chinese', () => {
    const [pet, ct] = modelWith().studies;
    if (!pet || !ct) throw new Error('the fixture has two studies');
    expect(labelsFor('en', served).studyStatus(pet)).toBe('entered in error, withdrawn');
    expect(labelsFor('zh-CN', served).studyStatus(pet)).toBe('录入错误，已撤销');
    expect(labelsFor('en', served).studyStatus(ct)).toBeUndefined();
    expect(labelsFor('zh-CN', served).studyStatus(ct)).toBeUndefined();
  });
});

describe('a cancelled study on the timeline', () => {
  it('is marked cancelled (not done) in both languages, linked to no finding', () => {
    const model = modelWith({ pet1: 'available', ct1: 'cancelled' });
    // The PET/CT is valid now, so the finding is linked to it (directly and by its report).
    expect(studiesOf(model)).toEqual([
      [PET, undefined, [FINDING]],
      [CT, 'cancelled', []],
    ]);
    const ct = model.studies[1];
    if (!ct) throw new Error('the fixture has two studies');
    expect(labelsFor('en', served).studyStatus(ct)).toBe('cancelled, not done');
    expect(labelsFor('zh-CN', served).studyStatus(ct)).toBe('已取消，未进行');
  });
});

describe('a report entered in error on the timeline', () => {
  it('is no source of the finding, and does not void the study it reports on', () => {
    // The timeline draws no report of its own: a report shows only as a finding's source. The
    // finding also cites the PET/CT itself, now available, so that link stays.
    const model = modelWith({ pet1: 'available', 'pet1-report': 'entered-in-error' });
    const finding = model.findings.find((f) => f.id === FINDING);
    expect(finding?.sources.map((s) => s.reference).sort()).toEqual([CT, PET]);
    expect(studiesOf(model)).toEqual([
      [PET, undefined, [FINDING]],
      [CT, undefined, [FINDING]],
    ]);
  });
});
