/**
 * H94: a finding's recording with no clinicalStatus, beside a recording of the same finding
 * whose own status makes it history, is read as that history when it is dated on or before
 * the resolution, and stays active otherwise; its trace line names which recording's status
 * was taken and why. Each expected line is typed by hand from docs/clinical-safety.md H94.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/rules/evaluate.js';
import {
  condition,
  defaultRuleSettings,
  icd,
  myeloma,
  NOW,
  PATIENT_ID,
  recordOf,
  SITE,
} from './fixtures.js';

const mm = myeloma('mm', { clinicalStatus: 'active', onset: '2018-01-10' });
const BRAIN_CLASS =
  'class cns: body site 12738006 (Brain structure) is in https://fhir.emd-cds.org/ValueSet/site-cns';

/** The problem-list entry: resolved, with the abatement given as `abatement`. */
const problemList = (abatement: Partial<fhir4.Condition>) =>
  condition('pl', {
    code: [icd('C90.20')],
    sites: [SITE.brain],
    clinicalStatus: 'resolved',
    verificationStatus: 'confirmed',
    onset: '2019-03-01',
    recordedDate: '2019-03-05',
    extra: abatement,
  });

/** An encounter diagnosis of the same finding with no status at all. */
const encounterDx = (id: string, dates: Partial<fhir4.Condition>) =>
  condition(id, { code: [icd('C90.20')], sites: [SITE.brain], extra: dates });

function evaluationOf(conditions: fhir4.Condition[]) {
  return evaluate({
    record: recordOf([mm, ...conditions]),
    settings: defaultRuleSettings,
    context: { kind: 'patient-view', patientId: PATIENT_ID },
    now: NOW,
  });
}

const lineOf = (evaluation: ReturnType<typeof evaluationOf>, reference: string) =>
  evaluation.trace.find((line) => line.reference === reference)?.message;
const fired = (evaluation: ReturnType<typeof evaluationOf>) =>
  evaluation.outcomes.filter((o) => o.fired).map((o) => [o.ruleId, o.indicator, o.evidence]);

describe('a status-less recording beside a resolved recording of the same finding (H94)', () => {
  it('dated before the abatement: history, and the line names the status it took', () => {
    const evaluation = evaluationOf([
      problemList({ abatementDateTime: '2020-06-01' }),
      encounterDx('ed1', { recordedDate: '2019-04-10' }),
    ]);
    expect(lineOf(evaluation, 'Condition/ed1')).toBe(
      `history finding (no clinicalStatus; read as the history Condition/pl records for the same finding (clinicalStatus resolved, abatementDateTime 2020-06-01): its recordedDate 2019-04-10 is on or before that abatement date (H94)), ${BRAIN_CLASS}`,
    );
    expect(fired(evaluation)).toEqual([]);
  });

  it('dated after the abatement: a new episode, the critical card, the rest as history', () => {
    const evaluation = evaluationOf([
      problemList({ abatementDateTime: '2020-06-01' }),
      encounterDx('ed1', { recordedDate: '2019-04-10' }),
      encounterDx('ed2', { onsetDateTime: '2026-10-01' }),
    ]);
    expect(lineOf(evaluation, 'Condition/ed2')).toBe(
      `active finding, ${BRAIN_CLASS}; no clinicalStatus; Condition/pl records the same finding as history (clinicalStatus resolved, abatementDateTime 2020-06-01), but its onsetDateTime 2026-10-01 is after that abatement date: a new episode, active (H94)`,
    );
    expect(fired(evaluation)).toEqual([['emd-cns', 'critical', ['Condition/ed2']]]);
    const cns = evaluation.outcomes.find((o) => o.ruleId === 'emd-cns');
    // The history line of the card: one finding, both its history recordings (rules page §2).
    expect(cns?.history.map((f) => f.references)).toEqual([['Condition/pl', 'Condition/ed1']]);
  });

  it('with an onset given as text: not compared, active, and the line says why', () => {
    const evaluation = evaluationOf([
      problemList({ abatementDateTime: '2020-06-01' }),
      encounterDx('ed1', { onsetString: 'spring 2019' }),
    ]);
    expect(lineOf(evaluation, 'Condition/ed1')).toBe(
      `active finding, ${BRAIN_CLASS}; no clinicalStatus; Condition/pl records the same finding as history (clinicalStatus resolved, abatementDateTime 2020-06-01), but Condition/ed1's onset is given as text (onsetString), which cannot be dated, so it cannot be compared with that abatement date: active (H94)`,
    );
    expect(fired(evaluation)).toEqual([['emd-cns', 'critical', ['Condition/ed1']]]);
  });

  it('with no date at all: not compared, active', () => {
    const evaluation = evaluationOf([
      problemList({ abatementDateTime: '2020-06-01' }),
      encounterDx('ed1', {}),
    ]);
    expect(lineOf(evaluation, 'Condition/ed1')).toBe(
      `active finding, ${BRAIN_CLASS}; no clinicalStatus; Condition/pl records the same finding as history (clinicalStatus resolved, abatementDateTime 2020-06-01), but it has no onset and no recordedDate, so it cannot be compared with that abatement date: active (H94)`,
    );
  });

  it('within an abatementPeriod: history; after its end: active', () => {
    const period = { abatementPeriod: { start: '2020-01-01', end: '2020-06-01' } };
    const within = evaluationOf([
      problemList(period),
      encounterDx('ed1', { recordedDate: '2020-03-01' }),
    ]);
    expect(fired(within)).toEqual([]);
    expect(lineOf(within, 'Condition/ed1')).toContain(
      'its recordedDate 2020-03-01 is on or before the end of that abatementPeriod (H94)',
    );
    const after = evaluationOf([
      problemList(period),
      encounterDx('ed1', { recordedDate: '2020-07-01' }),
    ]);
    expect(fired(after)).toEqual([['emd-cns', 'critical', ['Condition/ed1']]]);
  });

  it('a year-only date that reaches past the abatement is not read as before it', () => {
    const evaluation = evaluationOf([
      problemList({ abatementDateTime: '2020-06-01' }),
      encounterDx('ed1', { recordedDate: '2020' }),
    ]);
    expect(fired(evaluation)).toEqual([['emd-cns', 'critical', ['Condition/ed1']]]);
  });

  it('with no abatement date: compared with its onset, never its recordedDate', () => {
    const atOnset = evaluationOf([
      problemList({}),
      encounterDx('ed1', { recordedDate: '2019-03-01' }),
    ]);
    expect(lineOf(atOnset, 'Condition/ed1')).toBe(
      `history finding (no clinicalStatus; read as the history Condition/pl records for the same finding (clinicalStatus resolved): its recordedDate 2019-03-01 is on or before Condition/pl's onsetDateTime 2019-03-01 (it gives no abatement date, and a Condition resolves after it begins) (H94)), ${BRAIN_CLASS}`,
    );
    // After its onset, before its recordedDate (2019-03-05): not surely before the resolution.
    const beforeRecorded = evaluationOf([
      problemList({}),
      encounterDx('ed1', { recordedDate: '2019-03-04' }),
    ]);
    expect(fired(beforeRecorded)).toEqual([['emd-cns', 'critical', ['Condition/ed1']]]);
  });

  it('under another plasmacytoma code at the same site: active, and the line says so', () => {
    const evaluation = evaluationOf([
      problemList({ abatementDateTime: '2020-06-01' }),
      condition('ed1', { code: [icd('C90.30')], sites: [SITE.brain], recordedDate: '2019-04-10' }),
    ]);
    expect(lineOf(evaluation, 'Condition/ed1')).toBe(
      `active finding, ${BRAIN_CLASS}; no clinicalStatus; Condition/pl records this class and site as history (clinicalStatus resolved, abatementDateTime 2020-06-01), but under another code: not read as that history, active (H94)`,
    );
  });

  it('the same code spelled without its dot is the same code', () => {
    const evaluation = evaluationOf([
      problemList({ abatementDateTime: '2020-06-01' }),
      condition('ed1', { code: [icd('C9020')], sites: [SITE.brain], recordedDate: '2019-04-10' }),
    ]);
    expect(fired(evaluation)).toEqual([]);
  });

  it('with a clinicalStatus that cannot be read: not status-less, so not read as history', () => {
    const evaluation = evaluationOf([
      problemList({ abatementDateTime: '2020-06-01' }),
      encounterDx('ed1', {
        recordedDate: '2019-04-10',
        clinicalStatus: { coding: [{ system: 'https://ehr.example.org/s', code: 'A' }] },
      }),
    ]);
    // A status present and unreadable is a statement, not a default: the card fires, held at
    // info as one resting only on an unreadable status is (H19).
    expect(fired(evaluation)).toEqual([['emd-cns', 'info', ['Condition/ed1']]]);
  });
});
