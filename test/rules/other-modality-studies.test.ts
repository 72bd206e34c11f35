/**
 * H154: a recent study of a region by a modality that does not count there. Rules page §3.4:
 * the whole body is covered by PET, or by a CT, MR or PET series of the whole body; the
 * neuraxis by MR of the brain and MR of the spine. §5 lists the DICOM modality NM among the
 * imaging codes with no role in §3.4 (a whole-body NM study is most often a bone scan). So:
 * - a true-EMD patient whose only recent whole-body study is NM, or a CR skeletal survey, is
 *   still proposed a PET/CT (§4 `emd-soft-tissue`: "PET/CT if whole body not covered");
 * - a CNS patient whose only recent brain and spine studies are CT is still proposed the MRI
 *   (§4 `emd-cns`: "MRI brain + whole spine with gadolinium if neuraxis not covered");
 * and the explain trace names each such study, so nobody wonders why (§6 spirit: nothing
 * passed over without a word). Lines typed by hand.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/rules/evaluate.js';
import {
  daysFrom,
  defaultRuleSettings,
  icd,
  imagingStudy,
  myeloma,
  NOW,
  PATIENT_ID,
  plasmacytoma,
  recordOf,
  SITE,
} from './fixtures.js';

const WHOLE_BODY: fhir4.Coding = { system: 'http://snomed.info/sct', code: '38266002' };
const BRAIN: fhir4.Coding = { system: 'http://snomed.info/sct', code: '12738006' };
const SPINE: fhir4.Coding = { system: 'http://snomed.info/sct', code: '421060004' };

const WHOLE_BODY_REASON =
  'not as whole-body imaging, which is PET or a CT, MR or PET series of the whole body (rules page §3.4; role imagingCrossSectionalModality); if it is a PET sent as another modality, a site adds its procedure code to the role imagingPet (docs/configuring.md, example a)';

function outcomeOf(ruleId: string, site: fhir4.Coding, study: fhir4.ImagingStudy) {
  const { outcomes } = evaluate({
    record: recordOf([
      myeloma('mm', { code: [icd('C90.02')] }),
      plasmacytoma('pc1', [site]),
      study,
    ]),
    settings: defaultRuleSettings,
    context: { kind: 'patient-view', patientId: PATIENT_ID },
    now: NOW,
  });
  const outcome = outcomes.find((o) => o.ruleId === ruleId);
  expect(outcome?.fired, ruleId).toBe(true);
  return outcome;
}

const recent = (id: string, series: { modality: string; bodySite?: fhir4.Coding }[]) =>
  imagingStudy(id, { started: daysFrom(NOW, -10), series });

describe('a recent whole-body study by a modality that does not count (H154)', () => {
  for (const modality of ['NM', 'CR'])
    it(`${modality}: the warning still proposes a PET/CT, and the trace says why`, () => {
      const outcome = outcomeOf(
        'emd-soft-tissue',
        SITE.liver,
        recent('wb1', [{ modality, bodySite: WHOLE_BODY }]),
      );
      expect(outcome?.indicator).toBe('warning');
      expect(outcome?.workup.wholeBodyImaging).toBe(true);
      expect(outcome?.explain).toContain(
        `ImagingStudy/wb1 is available and recent, of a region the card's proposal covers, but its modality (${modality}) does not count: ${WHOLE_BODY_REASON}`,
      );
    });

  it('PT: counts as whole-body imaging, so no PET/CT and no line', () => {
    const outcome = outcomeOf(
      'emd-soft-tissue',
      SITE.liver,
      recent('pet1', [{ modality: 'PT', bodySite: WHOLE_BODY }]),
    );
    expect(outcome?.workup.wholeBodyImaging).toBe(false);
    expect(outcome?.explain.filter((line) => line.includes('ImagingStudy/pet1'))).toEqual([]);
  });
});

describe('a recent CT of the brain and spine for a CNS finding (H154)', () => {
  it('the critical card still proposes the MRI, and the trace says why', () => {
    const outcome = outcomeOf(
      'emd-cns',
      BRAIN,
      recent('ct1', [
        { modality: 'CT', bodySite: BRAIN },
        { modality: 'CT', bodySite: SPINE },
      ]),
    );
    expect(outcome?.indicator).toBe('critical');
    expect(outcome?.workup.neuraxisMri).toBe(true);
    expect(outcome?.explain).toContain(
      "ImagingStudy/ct1 is available and recent, of a region the card's proposal covers, but its modality (CT) does not count: not as MRI of the brain or spine, which is MR only (rules page §3.4)",
    );
  });

  it('an MR of the brain and spine counts, so no MRI proposed and no line', () => {
    const outcome = outcomeOf(
      'emd-cns',
      BRAIN,
      recent('mr1', [
        { modality: 'MR', bodySite: BRAIN },
        { modality: 'MR', bodySite: SPINE },
      ]),
    );
    expect(outcome?.workup.neuraxisMri).toBe(false);
    expect(outcome?.explain.filter((line) => line.includes('ImagingStudy/mr1'))).toEqual([]);
  });
});
