/**
 * What the record's history (and its dates) made the rules pass over, said in the explain
 * trace. Each case follows the rules page's letter, so no card changes; the trace must say what
 * was passed over and why, naming the resource:
 * - a report's finding listed only by a history Condition of the same code and site (§4) is not
 *   proposed, though the report may show its recurrence;
 * - a Condition with an abatement is history (§2) even when its clinicalStatus reads active,
 *   recurrence or relapse, which FHIR R4 con-4 forbids;
 * - an available study with no `started` is not counted as recent imaging (§3.4 "dated by
 *   `started`"), though a series of it may carry a start;
 * - a report older than the lookback by `effective[x]` is not read (§2, §4), though it was
 *   issued within it.
 * "Now" is 2026-11-01, so the 180-day lookback starts 2026-05-05. Each line is typed by hand.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/rules/evaluate.js';
import type { RuleOutcome } from '../../src/rules/rule-outcome.js';
import type { RuleId } from '../../src/rules/types.js';
import {
  defaultRuleSettings,
  dicom,
  icd,
  liverPlasmacytomaReport,
  loinc,
  myeloma,
  NOW,
  PATIENT_ID,
  plasmacytoma,
  RAD,
  recentPetCt,
  recordOf,
  SITE,
} from './fixtures.js';

const mm = myeloma('mm', { onset: '2019-03-10' });

function outcomeOf(resources: fhir4.Resource[], ruleId: RuleId): RuleOutcome {
  const found = evaluate({
    record: recordOf([mm, ...resources]),
    settings: defaultRuleSettings,
    context: { kind: 'patient-view', patientId: PATIENT_ID },
    now: NOW,
  }).outcomes.find((o) => o.ruleId === ruleId);
  if (!found) expect.fail(`no outcome for ${ruleId}`);
  return found;
}

describe('a reported finding that only a history Condition lists (rules page §4)', () => {
  const pet = recentPetCt('pet');
  // Reported 2026-10-12 (20 days before now): C90.20 at the liver.
  const report = liverPlasmacytomaReport('r1', ['ImagingStudy/pet']);
  const resolvedLiver = plasmacytoma('liver-old', [SITE.liver], {
    clinicalStatus: 'resolved',
    onset: '2021-02-01',
    extra: { abatementDateTime: '2022-06-01' },
  });

  it('is not proposed, and the trace names the report, the Condition and why it is history', () => {
    const outcome = outcomeOf([resolvedLiver, pet, report], 'emd-reported-not-listed');
    expect(outcome.fired).toBe(false);
    expect(outcome.explain).toEqual([
      'no recent imaging report concludes with a finding missing from the problem list',
      "DiagnosticReport/r1's finding C90.20 at 10200004 (Liver structure) matches Condition/liver-old (same code and site; history: clinicalStatus resolved, abatementDateTime 2022-06-01), so it is not proposed (rules page §4: a Condition of any status lists it); if the report shows a recurrence, the clinician may want to record it",
    ]);
  });

  it('names a history Condition that cites the report as citing it', () => {
    const citing = plasmacytoma('liver-cited', [SITE.kidney], {
      clinicalStatus: 'inactive',
      extra: { evidence: [{ detail: [{ reference: 'DiagnosticReport/r1' }] }] },
    });
    const outcome = outcomeOf([citing, pet, report], 'emd-reported-not-listed');
    expect(outcome.fired).toBe(false);
    expect(outcome.explain).toContain(
      "DiagnosticReport/r1's finding C90.20 at 10200004 (Liver structure) matches Condition/liver-cited (citing it; history: clinicalStatus inactive), so it is not proposed (rules page §4: a Condition of any status lists it); if the report shows a recurrence, the clinician may want to record it",
    );
  });

  it('says nothing more when an active Condition lists it too', () => {
    const activeLiver = plasmacytoma('liver-now', [SITE.liver], { onset: '2026-10-14' });
    const outcome = outcomeOf([resolvedLiver, activeLiver, pet, report], 'emd-reported-not-listed');
    expect(outcome.explain).toEqual([
      'no recent imaging report concludes with a finding missing from the problem list',
    ]);
  });
});

describe('a finding whose status reads active but which has an abatement (rules page §2)', () => {
  const brain = (id: string, clinicalStatus: string, extra: Partial<fhir4.Condition>) =>
    plasmacytoma(id, [SITE.brain], { clinicalStatus, onset: '2023-01-15', extra });
  const rows: [string, fhir4.Condition, string][] = [
    [
      'recurrence with an old abatementDateTime',
      brain('brain', 'recurrence', { abatementDateTime: '2024-05-01' }),
      'Condition/brain: its clinicalStatus reads recurrence, but its abatementDateTime 2024-05-01 makes it history (rules page §2: a Condition that has an abatement), so it raises no card; check the record: FHIR con-4 forbids an abatement on an active status',
    ],
    [
      'active with an open abatementPeriod',
      brain('brain', 'active', { abatementPeriod: { start: '2026-10-20' } }),
      'Condition/brain: its clinicalStatus reads active, but its abatementPeriod (from 2026-10-20, no end) makes it history (rules page §2: a Condition that has an abatement), so it raises no card; check the record: FHIR con-4 forbids an abatement on an active status',
    ],
    [
      'relapse with an abatementDateTime',
      brain('brain', 'relapse', { abatementDateTime: '2025-02-03' }),
      'Condition/brain: its clinicalStatus reads relapse, but its abatementDateTime 2025-02-03 makes it history (rules page §2: a Condition that has an abatement), so it raises no card; check the record: FHIR con-4 forbids an abatement on an active status',
    ],
  ];
  for (const [name, condition, line] of rows) {
    it(`emd-cns does not fire, and its trace says why, for ${name}`, () => {
      const outcome = outcomeOf([condition], 'emd-cns');
      expect(outcome.fired).toBe(false);
      expect(outcome.explain).toEqual(['no active CNS finding', line]);
    });
  }

  it('names the liver one on emd-soft-tissue, the rule of its class', () => {
    const liver = plasmacytoma('liver', [SITE.liver], {
      clinicalStatus: 'recurrence',
      extra: { abatementDateTime: '2024-05-01' },
    });
    expect(outcomeOf([liver], 'emd-soft-tissue').explain).toEqual([
      'no active soft-tissue or organ finding',
      'Condition/liver: its clinicalStatus reads recurrence, but its abatementDateTime 2024-05-01 makes it history (rules page §2: a Condition that has an abatement), so it raises no card; check the record: FHIR con-4 forbids an abatement on an active status',
    ]);
  });

  it('adds nothing for a resolved, abated finding: status and abatement agree', () => {
    const resolved = brain('brain', 'resolved', { abatementDateTime: '2024-05-01' });
    expect(outcomeOf([resolved], 'emd-cns').explain).toEqual(['no active CNS finding']);
  });
});

describe('an available study with no started (rules page §3.4: dated by started)', () => {
  const liver = plasmacytoma('liver', [SITE.liver], { onset: '2026-10-01' });
  const undatedPet = (seriesStarted?: string): fhir4.ImagingStudy => ({
    resourceType: 'ImagingStudy',
    id: 'pet-nostart',
    status: 'available',
    subject: { reference: `Patient/${PATIENT_ID}` },
    modality: [dicom('PT')],
    series: [
      {
        uid: '1.2.3',
        modality: dicom('PT'),
        ...(seriesStarted ? { started: seriesStarted } : {}),
      },
    ],
  });

  it('is not counted, and the trace names it with its series start', () => {
    const outcome = outcomeOf([liver, undatedPet('2026-10-15T08:00:00Z')], 'emd-soft-tissue');
    expect(outcome.indicator).toBe('warning');
    expect(outcome.workup.wholeBodyImaging).toBe(true);
    expect(outcome.explain).toEqual([
      'active soft-tissue / organ finding: Condition/liver',
      "ImagingStudy/pet-nostart not counted as recent whole-body imaging: it is available but has no started, and imaging is dated by the study's started (rules page §3.4); a series of it started 2026-10-15T08:00:00Z, so it may be recent: check before ordering",
    ]);
  });

  it('is named without a series start when no series has one', () => {
    const outcome = outcomeOf([liver, undatedPet()], 'emd-soft-tissue');
    expect(outcome.explain).toContain(
      "ImagingStudy/pet-nostart not counted as recent whole-body imaging: it is available but has no started, and imaging is dated by the study's started (rules page §3.4)",
    );
  });

  it('names an undated MR brain on the CNS card that proposes the MRI', () => {
    const brain = plasmacytoma('brain', [SITE.brain], { onset: '2026-10-01' });
    const mr: fhir4.ImagingStudy = {
      resourceType: 'ImagingStudy',
      id: 'mr-nostart',
      status: 'available',
      subject: { reference: `Patient/${PATIENT_ID}` },
      modality: [dicom('MR')],
      procedureCode: [{ coding: [loinc('24590-2')] }],
    };
    const outcome = outcomeOf([brain, mr], 'emd-cns');
    expect(outcome.workup.neuraxisMri).toBe(true);
    expect(outcome.explain).toContain(
      "ImagingStudy/mr-nostart not counted as recent MRI of the brain: it is available but has no started, and imaging is dated by the study's started (rules page §3.4)",
    );
  });

  it('adds nothing when a dated PET/CT covers the whole body', () => {
    const outcome = outcomeOf([liver, recentPetCt('pet')], 'emd-soft-tissue');
    expect(outcome.workup.wholeBodyImaging).toBe(false);
    expect(outcome.explain).toEqual(['active soft-tissue / organ finding: Condition/liver']);
  });
});

describe('a report older than the lookback by effective[x] (rules page §2, §4)', () => {
  const report = (issued: string): fhir4.DiagnosticReport => ({
    resourceType: 'DiagnosticReport',
    id: 'r1',
    status: 'final',
    category: [{ coding: [RAD] }],
    subject: { reference: `Patient/${PATIENT_ID}` },
    code: { coding: [loinc('44139-4')] },
    effectiveDateTime: '2026-01-05T10:00:00Z',
    issued,
    conclusionCode: [{ coding: [icd('C90.20')] }, { coding: [SITE.liver] }],
  });

  it('is not read, and the trace names it when it was issued within the lookback', () => {
    const outcome = outcomeOf([report('2026-10-20T09:00:00Z')], 'emd-reported-not-listed');
    expect(outcome.fired).toBe(false);
    expect(outcome.explain).toEqual([
      'no recent imaging report concludes with a finding missing from the problem list',
      'DiagnosticReport/r1 not read: it concludes C90.20, but its effectiveDateTime 2026-01-05T10:00:00Z is older than the 180-day lookback, which starts 2026-05-05 (rules page §2, §4: a report is dated by effective[x]), though it was issued 2026-10-20T09:00:00Z; if its finding is not on the problem list, the clinician may want to record it',
    ]);
  });

  it('is not read when it has no date at all, and the trace says so', () => {
    const { effectiveDateTime: _dated, issued: _issued, ...undated } = report('');
    const outcome = outcomeOf([undated], 'emd-reported-not-listed');
    expect(outcome.fired).toBe(false);
    expect(outcome.explain).toEqual([
      'no recent imaging report concludes with a finding missing from the problem list',
      'DiagnosticReport/r1 not read: it concludes C90.20, but it has no date the rules read (effectiveDateTime or effectivePeriod.start, else issued: rules page §2, §4), so it is not known to be within the lookback; the feed should date it; if its finding is not on the problem list, the clinician may want to record it',
    ]);
  });

  it('is passed over without a line when it was issued before the lookback too', () => {
    const outcome = outcomeOf([report('2026-02-01T09:00:00Z')], 'emd-reported-not-listed');
    expect(outcome.explain).toEqual([
      'no recent imaging report concludes with a finding missing from the problem list',
    ]);
  });
});
