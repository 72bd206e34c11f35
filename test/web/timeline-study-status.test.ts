/**
 * Studies neither done nor void on the timeline (H50): `registered` has no images yet and
 * `unknown` is unknown (FHIR R4 ImagingStudy.status); the cards count neither as imaging done
 * (rules page §3.4), so the timeline must not draw them as done. A status R4 does not define is
 * read as unknown. The patient is test/support/timeline-studies.ts: an available PET/CT, a
 * registered MRI and a CT of unknown status, three days apart.
 */
import { describe, expect, it } from 'vitest';
import { timelineSettingsDocument } from '../../src/http/timeline-app.js';
import { buildPatientRecord, flattenResources } from '../../src/rules/patient-record.js';
import { labelsFor } from '../../web/timeline/labels.js';
import { STUDY_STYLE } from '../../web/timeline/study-marks.js';
import { studyLookOf } from '../../web/timeline/study-status.js';
import { buildTimelineModel } from '../../web/timeline/timeline-model.js';
import { compileTimelineSettings } from '../../web/timeline/timeline-settings.js';
import { defaultSettings } from '../support/app.js';
import { STUDIES_PATIENT, STUDY_IDS, studiesDaysApartBundle } from '../support/timeline-studies.js';

const served = compileTimelineSettings(
  JSON.parse(JSON.stringify(timelineSettingsDocument(defaultSettings))),
);

function modelWith(ctStatus?: string) {
  const bundle = studiesDaysApartBundle();
  for (const entry of bundle.entry ?? []) {
    // Untyped data, as an export that carries a status R4 does not define.
    const resource: { id?: string; status?: string } | undefined = entry.resource;
    if (ctStatus && resource && `ImagingStudy/${resource.id ?? ''}` === STUDY_IDS.ct)
      resource.status = ctStatus;
  }
  const record = buildPatientRecord(STUDIES_PATIENT, flattenResources([bundle]));
  return buildTimelineModel(record, served.rules);
}

describe('a registered study and one of unknown status on the timeline', () => {
  it('are marked so in the model, apart from the available PET/CT, which the finding cites', () => {
    expect(
      modelWith().studies.map((s) => [
        s.reference,
        s.voidStatus,
        s.unconfirmedStatus,
        s.findingIds,
      ]),
    ).toEqual([
      [STUDY_IDS.pet, undefined, undefined, [`Condition/${STUDIES_PATIENT}-pc1`]],
      [STUDY_IDS.mri, undefined, 'registered', []],
      [STUDY_IDS.ct, undefined, 'unknown', []],
    ]);
  });

  it('are said so in English and in Simplified Chinese; the available one is not', () => {
    const said = (locale: 'en' | 'zh-CN') =>
      modelWith().studies.map((s) => labelsFor(locale, served).studyStatus(s));
    expect(said('en')).toEqual([undefined, 'registered, no images yet', 'status unknown']);
    expect(said('zh-CN')).toEqual([undefined, '已登记，尚无图像', '状态不明']);
  });

  for (const status of ['final', 'preliminary', 'done'])
    it(`reads a status FHIR R4 does not define for a study (${status}) as unknown, never as done`, () => {
      const ct = modelWith(status).studies.find((s) => s.reference === STUDY_IDS.ct);
      expect(ct?.unconfirmedStatus).toBe('unknown');
      expect(ct && studyLookOf(ct)).toBe('unknown');
    });

  // H104: "AVAILABLE" can only be FHIR's `available`; the cards count such a study as done.
  it('reads AVAILABLE, a spelling of available, as done, as the cards count it', () => {
    const ct = modelWith('AVAILABLE').studies.find((s) => s.reference === STUDY_IDS.ct);
    expect(ct?.unconfirmedStatus).toBeUndefined();
    expect(ct && studyLookOf(ct)).toBe('available');
  });

  it('draws each status unlike every other: fill and dash pattern, or a struck name', () => {
    const looks = Object.entries(STUDY_STYLE).map(
      ([look, { fill, dash, isStruck }]) => `${fill} ${dash} ${String(isStruck)} (${look})`,
    );
    // Typed from the drawing's intent: available filled; void hollow and dashed, entered in
    // error also struck; registered hollow and dotted; unknown grey and dotted.
    expect(looks).toEqual([
      '#374151 none false (available)',
      '#ffffff 3 2 true (entered-in-error)',
      '#ffffff 3 2 false (cancelled)',
      '#ffffff 1 2 false (registered)',
      '#d1d5db 1 2 false (unknown)',
    ]);
    const drawn = Object.values(STUDY_STYLE).map((s) => JSON.stringify(s));
    expect(new Set(drawn).size).toBe(drawn.length);
  });
});
