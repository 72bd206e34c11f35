/**
 * H120: a hook call whose imaging prefetch is large, as an EHR sends it for a patient with
 * many CT studies, each with its series and instances. CDS Hooks 2.0 §Prefetch: prefetched
 * data "MUST be equivalent to the data the CDS Service would receive if it were making its own
 * call", and the service's own FHIR reads take answers up to 32 MiB. With BODY_LIMIT at its
 * old 5 MB default the whole call was a 413, and the patient's critical card was lost.
 *
 * The request is the `leptomeningeal-with-cns` example (cds-hooks/examples/patient-view/) with
 * 40 CT studies of 3 series × 400 instances added to prefetch.imagingStudies, some 7 MB. Its
 * cards are the example's row in patient-view-scenarios.ts (rules page §4: emd-leptomeningeal,
 * critical): a CT of the chest, abdomen and pelvis adds no finding and no card.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { CARD_EXTENSION } from '../../src/cds/cards/build-card.js';
import { serviceSection } from '../../src/config/config-service-schema.js';
import { expectValidHookResponse, readExampleRequest, testApp } from '../support/app.js';

const PATIENT = 'leptomeningeal-with-cns';
const STUDIES = 40;
const SERIES = 3;
const INSTANCES = 400;
/** DICOM's CT Image Storage SOP class (PS3.4 B.5). */
const CT_IMAGE_STORAGE = 'urn:oid:1.2.840.10008.5.1.4.1.1.2';
const DCM = 'http://dicom.nema.org/resources/ontology/DCM';

/** One CT study of the patient, `index` months before the example's MRI, with its instances. */
function ctStudy(index: number): Record<string, unknown> {
  const uid = `1.2.826.0.1.3680043.8.498.${String(7_000_000 + index)}`;
  const started = new Date(Date.UTC(2026, 8 - index, 12, 9, 30)).toISOString();
  return {
    fullUrl: `ImagingStudy/${PATIENT}-ct${String(index)}`,
    resource: {
      resourceType: 'ImagingStudy',
      id: `${PATIENT}-ct${String(index)}`,
      status: 'available',
      modality: [{ system: DCM, code: 'CT' }],
      subject: { reference: `Patient/${PATIENT}` },
      started,
      numberOfSeries: SERIES,
      numberOfInstances: SERIES * INSTANCES,
      description: 'CT chest, abdomen and pelvis with contrast',
      series: Array.from({ length: SERIES }, (_, s) => ({
        uid: `${uid}.${String(s + 1)}`,
        number: s + 1,
        modality: { system: DCM, code: 'CT' },
        numberOfInstances: INSTANCES,
        instance: Array.from({ length: INSTANCES }, (_, i) => ({
          uid: `${uid}.${String(s + 1)}.${String(i + 1)}`,
          sopClass: { system: 'urn:ietf:rfc:3986', code: CT_IMAGE_STORAGE },
          number: i + 1,
        })),
      })),
    },
    search: { mode: 'match' },
  };
}

/** The example request with the CT studies added to its imaging prefetch. */
function largeRequest(): Record<string, unknown> {
  const call = readExampleRequest(PATIENT);
  const prefetch = call.prefetch as { imagingStudies: { entry: unknown[]; total?: number } };
  const studies = prefetch.imagingStudies;
  studies.entry.push(...Array.from({ length: STUDIES }, (_, i) => ctStudy(i + 1)));
  studies.total = studies.entry.length;
  return call;
}

describe('a hook call with a large imaging prefetch (H120)', () => {
  it('gets 200 and the critical emd-leptomeningeal card under the default BODY_LIMIT', async () => {
    const body = JSON.stringify(largeRequest());
    // Larger than the old 5 MB default, well under 32 MiB.
    expect(body.length).toBeGreaterThan(6.5 * 1024 * 1024);
    expect(body.length).toBeLessThan(8 * 1024 * 1024);
    const app = testApp({ bodyLimit: serviceSection.parse({}).bodyLimit });
    const response = await request(app)
      .post('/cds-services/emd-patient-view')
      .set('Content-Type', 'application/json')
      .send(body);
    expect(response.status).toBe(200);
    const { cards } = expectValidHookResponse(response.body);
    expect(
      cards.map((card) => ({
        ruleId: card.extension?.[CARD_EXTENSION.ruleId],
        indicator: card.indicator,
      })),
    ).toEqual([{ ruleId: 'emd-leptomeningeal', indicator: 'critical' }]);
  });
});
