/**
 * Imaging entered in error, case by case (rules page §6: no card from entered-in-error data).
 * A study entered in error was withdrawn, often because it was filed under the wrong patient; a
 * report whose every study is so cannot be read as this patient's. `emd-reported-not-listed` (§4)
 * sets such a report aside and says so in its explain trace; a finding does not show such
 * imaging as its source. What still counts: a report with one valid study, or on a study the
 * record does not hold (§2: ImagingStudy data are optional). The whole-patient scenarios are in
 * test/scenarios/voided-imaging.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, type Evaluation } from '../../src/rules/evaluate.js';
import type { RuleOutcome } from '../../src/rules/rule-outcome.js';
import {
  defaultRuleSettings,
  icd,
  liverPlasmacytomaCiting,
  liverPlasmacytomaReport,
  myeloma,
  NOW,
  PATIENT_ID,
  recentPetCt,
  recordOf,
} from './fixtures.js';

const mm = myeloma('mm', { code: [icd('C90.02')], onset: '2023-03-14' });

const study = (id: string, status: fhir4.ImagingStudy['status']) => recentPetCt(id, status);
const report = (id: string, studies: string[], status?: fhir4.DiagnosticReport['status']) =>
  liverPlasmacytomaReport(id, studies, { status });

function run(resources: fhir4.Resource[]): Evaluation {
  return evaluate({
    record: recordOf(resources),
    settings: defaultRuleSettings,
    context: { kind: 'patient-view', patientId: PATIENT_ID },
    now: NOW,
  });
}
function reportedNotListed(resources: fhir4.Resource[]): RuleOutcome {
  const found = run(resources).outcomes.find((o) => o.ruleId === 'emd-reported-not-listed');
  if (!found) expect.fail('no outcome for emd-reported-not-listed');
  return found;
}

describe('emd-reported-not-listed and the studies a report is on (rules page §4, §6)', () => {
  const cases: [string, fhir4.Resource[], string[], boolean][] = [
    ['its only study is entered in error', [study('s1', 'entered-in-error')], ['s1'], false],
    [
      'both its studies are entered in error',
      [study('s1', 'entered-in-error'), study('s2', 'entered-in-error')],
      ['s1', 's2'],
      false,
    ],
    [
      'one study is entered in error and the other available',
      [study('s1', 'entered-in-error'), study('s2', 'available')],
      ['s1', 's2'],
      true,
    ],
    [
      'one study is entered in error and the other not in the record',
      [study('s1', 'entered-in-error')],
      ['s1', 's9'],
      true,
    ],
    ['its only study is not in the record', [], ['s9'], true],
    ['its only study is available', [study('s1', 'available')], ['s1'], true],
    // Cancelled means not done or not completed, not created in error: nothing says the report
    // is another patient's, so it stands (the record holds a final report concluding EMD).
    ['its only study is cancelled', [study('s1', 'cancelled')], ['s1'], true],
  ];
  for (const [name, studies, cited, fires] of cases) {
    it(`${fires ? 'fires' : 'is silent'} when ${name}`, () => {
      const r = report(
        'r1',
        cited.map((id) => `ImagingStudy/${id}`),
      );
      expect(reportedNotListed([mm, ...studies, r]).fired).toBe(fires);
    });
  }

  it('says in its explain trace which report it set aside, and why', () => {
    const outcome = reportedNotListed([
      mm,
      study('s1', 'entered-in-error'),
      study('s2', 'entered-in-error'),
      report('r1', ['ImagingStudy/s1', 'ImagingStudy/s2']),
    ]);
    expect(outcome.explain).toContainEqual(
      expect.stringMatching(
        /^DiagnosticReport\/r1 ignored: .*ImagingStudy\/s1, ImagingStudy\/s2.* entered-in-error/,
      ),
    );
  });

  it('still fires for another report, and still names the one it set aside', () => {
    const outcome = reportedNotListed([
      mm,
      study('s1', 'entered-in-error'),
      study('s2', 'available'),
      report('r1', ['ImagingStudy/s1']),
      report('r2', ['ImagingStudy/s2']),
    ]);
    expect(outcome.fired).toBe(true);
    expect(outcome.reported.flatMap((f) => f.reports.map((r) => r.reference))).toEqual([
      'DiagnosticReport/r2',
    ]);
    expect(outcome.evidence).not.toContain('DiagnosticReport/r1');
    expect(outcome.explain).toContainEqual(expect.stringMatching(/^DiagnosticReport\/r1 ignored/));
  });

  for (const status of ['entered-in-error', 'cancelled'] as const) {
    it(`says in its explain trace that a report ${status} was set aside`, () => {
      const outcome = reportedNotListed([
        mm,
        study('s1', 'available'),
        report('r1', ['ImagingStudy/s1'], status),
      ]);
      expect(outcome.fired).toBe(false);
      expect(outcome.explain).toContainEqual(
        expect.stringMatching(new RegExp(`^DiagnosticReport/r1 ignored: .*${status}`)),
      );
    });
  }
});

describe("a finding's sources leave out imaging entered in error (rules page §6)", () => {
  const sourcesOf = (resources: fhir4.Resource[]) => {
    const evaluation = run([mm, ...resources]);
    const [finding, ...others] = evaluation.facts.findings.active;
    expect(others).toEqual([]);
    return (finding?.sources ?? []).map((s) => s.reference);
  };

  it('counts the finding, by its own status, and shows only the valid study it cites', () => {
    const resources = [
      study('s1', 'entered-in-error'),
      study('s2', 'available'),
      liverPlasmacytomaCiting('ImagingStudy/s1', 'ImagingStudy/s2'),
    ];
    expect(sourcesOf(resources)).toEqual(['ImagingStudy/s2']);
    const card = run([mm, ...resources]).outcomes.find((o) => o.ruleId === 'emd-soft-tissue');
    expect([card?.fired, card?.indicator]).toEqual([true, 'warning']);
    expect(card?.evidence).not.toContain('ImagingStudy/s1');
  });

  it('leaves out a report entered in error, though its study is available', () => {
    const resources = [
      study('s1', 'available'),
      report('r1', ['ImagingStudy/s1'], 'entered-in-error'),
      liverPlasmacytomaCiting('DiagnosticReport/r1'),
    ];
    expect(sourcesOf(resources)).toEqual([]);
  });

  it('leaves out a final report whose only study is entered in error', () => {
    const resources = [
      study('s1', 'entered-in-error'),
      report('r1', ['ImagingStudy/s1']),
      liverPlasmacytomaCiting('DiagnosticReport/r1'),
    ];
    expect(sourcesOf(resources)).toEqual([]);
  });

  it('leaves out a study or a report cancelled: never done, so nothing was seen on it', () => {
    const resources = [
      study('s1', 'cancelled'),
      study('s2', 'available'),
      report('r2', ['ImagingStudy/s2'], 'cancelled'),
      liverPlasmacytomaCiting('ImagingStudy/s1', 'DiagnosticReport/r2', 'ImagingStudy/s2'),
    ];
    expect(sourcesOf(resources)).toEqual(['ImagingStudy/s2']);
  });

  it('keeps a report with one valid study beside a voided one', () => {
    const resources = [
      study('s1', 'entered-in-error'),
      study('s2', 'available'),
      report('r1', ['ImagingStudy/s1', 'ImagingStudy/s2']),
      liverPlasmacytomaCiting('DiagnosticReport/r1'),
    ];
    expect(sourcesOf(resources)).toEqual(['DiagnosticReport/r1']);
  });
});
