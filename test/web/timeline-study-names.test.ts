/**
 * A study's name on the timeline, as the cards give it (rules page §4; H65): the record's own
 * words first (a procedure's text or display, then the study's description); a procedure coded
 * with a code alone is named by the value sets' display, with the settings the browser receives.
 * Expected names are typed from fhir-resources/value-sets/imaging-pet.json (SNOMED CT 443271005
 * "PET/CT FDG whole body") and imaging-brain.json (LOINC 24590-2 "MR Brain"), not computed.
 */
import { describe, expect, it } from 'vitest';
import { timelineSettingsDocument } from '../../src/http/timeline-app.js';
import { buildTimelineModel } from '../../web/timeline/timeline-model.js';
import { compileTimelineSettings } from '../../web/timeline/timeline-settings.js';
import { defaultSettings } from '../support/app.js';
import { imagingStudy, loinc, NOW, daysFrom, recordOf, sct } from '../rules/fixtures.js';

/** settings.json as the browser receives it: the service's document, through JSON. */
const served = compileTimelineSettings(
  JSON.parse(JSON.stringify(timelineSettingsDocument(defaultSettings))) as Parameters<
    typeof compileTimelineSettings
  >[0],
);

function labelOf(study: fhir4.ImagingStudy): string | undefined {
  return buildTimelineModel(recordOf([study]), served.rules).studies[0]?.label;
}

const started = daysFrom(NOW, -20);

describe('a study named by a procedure code alone, on the timeline', () => {
  it('is named by the value sets, not its code', () => {
    expect(
      labelOf(
        imagingStudy('pet1', { started, modality: ['PT', 'CT'], procedure: [sct('443271005')] }),
      ),
    ).toBe('PET/CT FDG whole body');
    expect(
      labelOf(imagingStudy('mr1', { started, modality: ['MR'], procedure: [loinc('24590-2')] })),
    ).toBe('MR Brain');
  });

  it("keeps the record's own words first: the procedure's display, then the description", () => {
    expect(
      labelOf(
        imagingStudy('pet1', {
          started,
          procedure: [sct('443271005', 'PET-CT skull base to thigh')],
        }),
      ),
    ).toBe('PET-CT skull base to thigh');
    expect(
      labelOf({
        ...imagingStudy('pet1', { started, procedure: [sct('443271005')] }),
        description: 'FDG PET/CT restaging',
      }),
    ).toBe('FDG PET/CT restaging');
  });

  it('is named by the value sets when the procedure’s text is empty, as when it has none', () => {
    // An interface writing an empty text element (FHIR R4 strings may not be empty, the
    // schemas let it through): it says nothing, so the code names the study.
    const study = imagingStudy('pet1', { started, modality: ['PT', 'CT'] });
    expect(labelOf({ ...study, procedureCode: [{ text: '', coding: [sct('443271005')] }] })).toBe(
      'PET/CT FDG whole body',
    );
  });

  it('is named by its code when no value set holds it', () => {
    expect(
      labelOf(imagingStudy('x1', { started, modality: ['CT'], procedure: [sct('1234567')] })),
    ).toBe('1234567');
  });
});
