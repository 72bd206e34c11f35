/**
 * Another patient's imaging, case by case (rules page §2: resources whose subject is not the
 * hook's patient are dropped, as if the record did not hold them). A report of this patient
 * whose every study is another patient's, or entered in error, describes someone else's images:
 * `emd-reported-not-listed` (§4) sets it aside and says why; a finding does not show such imaging
 * as its source; the imaging-review rules do not review another patient's study. Each case has
 * its control with the same resource of this patient. The whole-patient scenarios are in
 * test/scenarios/other-patient-imaging.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, type Evaluation } from '../../src/rules/evaluate.js';
import type { RuleOutcome } from '../../src/rules/rule-outcome.js';
import type { HookContext } from '../../src/rules/types.js';
import {
  daysFrom,
  defaultRuleSettings,
  icd,
  imagingStudy,
  liverPlasmacytomaCiting,
  liverPlasmacytomaReport,
  loinc,
  myeloma,
  NOW,
  PATIENT_ID,
  recentPetCt,
  recordOf,
} from './fixtures.js';

const mm = myeloma('mm', { code: [icd('C90.02')], onset: '2023-03-14' });
const OTHER = 'Patient/p2';

/** A PET/CT 20 days ago, this patient's unless `subject` says otherwise. */
const study = (id: string, subject?: string | null, status?: fhir4.ImagingStudy['status']) =>
  recentPetCt(id, status, subject);
/** A final radiology report 20 days ago concluding a liver plasmacytoma. */
const report = (id: string, studies: string[], subject?: string) =>
  liverPlasmacytomaReport(id, studies, { subject });

function run(resources: fhir4.Resource[], context?: HookContext): Evaluation {
  return evaluate({
    record: recordOf([mm, ...resources]),
    settings: defaultRuleSettings,
    context: context ?? { kind: 'patient-view', patientId: PATIENT_ID },
    now: NOW,
  });
}
function outcomeOf(evaluation: Evaluation, ruleId: string): RuleOutcome {
  const found = evaluation.outcomes.find((o) => o.ruleId === ruleId);
  if (!found) expect.fail(`no outcome for ${ruleId}`);
  return found;
}

describe("emd-reported-not-listed and a report on another patient's study (rules page §2, §4)", () => {
  const cases: [string, fhir4.Resource[], string[], boolean][] = [
    ["its only study is another patient's", [study('s1', OTHER)], ['s1'], false],
    [
      "both its studies are another patient's",
      [study('s1', OTHER), study('s2', OTHER)],
      ['s1', 's2'],
      false,
    ],
    [
      "one study is another patient's and the other entered in error",
      [study('s1', OTHER), study('s2', undefined, 'entered-in-error')],
      ['s1', 's2'],
      false,
    ],
    [
      "one study is another patient's and the other this patient's",
      [study('s1', OTHER), study('s2')],
      ['s1', 's2'],
      true,
    ],
    [
      "one study is another patient's and the other not in the record",
      [study('s1', OTHER)],
      ['s1', 's9'],
      true,
    ],
    ["its only study is this patient's (the control)", [study('s1')], ['s1'], true],
    // Rules page §2 drops a study that names no patient too; the report stays set aside.
    ['its only study names no patient', [study('s1', null)], ['s1'], false],
  ];
  for (const [name, studies, cited, fires] of cases) {
    it(`${fires ? 'fires' : 'is silent'} when ${name}`, () => {
      const r = report(
        'r1',
        cited.map((id) => `ImagingStudy/${id}`),
      );
      expect(outcomeOf(run([...studies, r]), 'emd-reported-not-listed').fired).toBe(fires);
    });
  }

  it('says in its explain trace which report it set aside, and why', () => {
    const outcome = outcomeOf(
      run([
        study('s1', OTHER),
        study('s2', undefined, 'entered-in-error'),
        report('r1', ['ImagingStudy/s1', 'ImagingStudy/s2']),
      ]),
      'emd-reported-not-listed',
    );
    expect(outcome.explain).toContain(
      "DiagnosticReport/r1 ignored: every study it reports on is entered-in-error (ImagingStudy/s2, created in error, often under the wrong patient) or another patient's (ImagingStudy/s1, dropped: its subject is not the patient of this hook call), so the report may be another patient's",
    );
  });

  it("says a study that names no patient names no patient, not that it is another patient's", () => {
    const outcome = outcomeOf(
      run([study('s1', null), report('r1', ['ImagingStudy/s1'])]),
      'emd-reported-not-listed',
    );
    expect(outcome.explain).toContain(
      "DiagnosticReport/r1 ignored: the study it reports on, ImagingStudy/s1, names no patient (dropped: it has no subject reference, so nothing shows it is the patient of this hook call), so the report's imaging cannot be tied to this patient",
    );
  });

  it("names each group when its studies are entered in error, another patient's, or name no patient", () => {
    const outcome = outcomeOf(
      run([
        study('s1', OTHER),
        study('s2', undefined, 'entered-in-error'),
        study('s3', null),
        report('r1', ['ImagingStudy/s1', 'ImagingStudy/s2', 'ImagingStudy/s3']),
      ]),
      'emd-reported-not-listed',
    );
    expect(outcome.explain).toContain(
      "DiagnosticReport/r1 ignored: every study it reports on is entered-in-error (ImagingStudy/s2, created in error, often under the wrong patient) or another patient's (ImagingStudy/s1, dropped: its subject is not the patient of this hook call) or names no patient (ImagingStudy/s3, dropped: it has no subject reference, so nothing shows it is the patient of this hook call), so the report may be another patient's",
    );
  });
});

describe("a finding's sources leave out another patient's imaging (rules page §2)", () => {
  const sourcesOf = (resources: fhir4.Resource[]) => {
    const [finding, ...others] = run(resources).facts.findings.active;
    expect(others).toEqual([]);
    return (finding?.sources ?? []).map((s) => s.reference);
  };
  const cases: [string, fhir4.Resource[], string[]][] = [
    [
      "another patient's study",
      [study('s1', OTHER), liverPlasmacytomaCiting('ImagingStudy/s1')],
      [],
    ],
    [
      "the same study, this patient's (the control)",
      [study('s1'), liverPlasmacytomaCiting('ImagingStudy/s1')],
      ['ImagingStudy/s1'],
    ],
    [
      "this patient's report on another patient's study",
      [
        study('s1', OTHER),
        report('r1', ['ImagingStudy/s1']),
        liverPlasmacytomaCiting('DiagnosticReport/r1'),
      ],
      [],
    ],
    [
      "the same report on this patient's study (the control)",
      [
        study('s1'),
        report('r1', ['ImagingStudy/s1']),
        liverPlasmacytomaCiting('DiagnosticReport/r1'),
      ],
      ['DiagnosticReport/r1'],
    ],
    [
      "another patient's report on this patient's study",
      [
        study('s1'),
        report('r1', ['ImagingStudy/s1'], OTHER),
        liverPlasmacytomaCiting('DiagnosticReport/r1'),
      ],
      [],
    ],
  ];
  for (const [name, resources, expected] of cases) {
    it(`${expected.length === 0 ? 'leaves out' : 'shows'} ${name}`, () => {
      expect(sourcesOf(resources)).toEqual(expected);
    });
  }

  it("keeps the card, by the Condition's own status, without the other patient's study in its evidence", () => {
    const card = outcomeOf(
      run([study('s1', OTHER), liverPlasmacytomaCiting('ImagingStudy/s1')]),
      'emd-soft-tissue',
    );
    expect([card.fired, card.indicator]).toEqual([true, 'warning']);
    expect(card.evidence).toEqual(['Condition/pc1']);
  });
});

describe("the imaging-review rules on another patient's study (rules page §2, §4)", () => {
  // An MR brain (LOINC 24590-2) of a patient in relapse: emd-cns-imaging-review fires (warning).
  const mrBrain = (subject?: string | null): fhir4.ImagingStudy => {
    const { subject: own, ...study } = imagingStudy('mr1', {
      started: daysFrom(NOW, -1),
      modality: ['MR'],
      procedure: [loinc('24590-2')],
    });
    if (subject === null) return study as fhir4.ImagingStudy;
    return { ...study, subject: subject ? { reference: subject } : own };
  };
  const review: HookContext = {
    kind: 'imaging-review',
    patientId: PATIENT_ID,
    imagingStudyId: 'mr1',
  };

  it("gives no card, and says the study is another patient's", () => {
    const outcome = outcomeOf(run([mrBrain(OTHER)], review), 'emd-cns-imaging-review');
    expect(outcome.fired).toBe(false);
    expect(outcome.explain).toEqual([
      "ImagingStudy/mr1 is not this patient's study: its subject is not the patient of this hook call, so it was dropped and is not reviewed for this patient",
    ]);
  });

  it('gives no card for a study whose subject names no Patient of the call, and says whose cannot be told', () => {
    // Probe 14 b7, c12: a contained Patient, or a urn:uuid no resource of the call has.
    for (const subject of ['#pt', 'urn:uuid:never-resolved']) {
      const outcome = outcomeOf(run([mrBrain(subject)], review), 'emd-cns-imaging-review');
      expect(outcome.fired).toBe(false);
      expect(outcome.explain).toEqual([
        "ImagingStudy/mr1 names a patient who cannot be identified: its subject reference names no Patient of this hook call, so nothing shows it is this patient's study; it was dropped and is not reviewed for this patient",
      ]);
    }
  });

  it("gives no card for a study that names no patient, and says so, not that it is another patient's", () => {
    const outcome = outcomeOf(run([mrBrain(null)], review), 'emd-cns-imaging-review');
    expect(outcome.fired).toBe(false);
    expect(outcome.explain).toEqual([
      "ImagingStudy/mr1 names no patient: it has no subject reference, so nothing shows it is this patient's study; it was dropped and is not reviewed for this patient",
    ]);
  });

  it('gives the warning for the same study of this patient (the control)', () => {
    const outcome = outcomeOf(run([mrBrain()], review), 'emd-cns-imaging-review');
    expect([outcome.fired, outcome.indicator]).toEqual([true, 'warning']);
  });

  it("still says a study it never received is not among this patient's studies", () => {
    const outcome = outcomeOf(run([], review), 'emd-cns-imaging-review');
    expect(outcome.explain).toEqual(["ImagingStudy/mr1 is not among this patient's studies"]);
  });
});
