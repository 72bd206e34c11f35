/**
 * Rules page §2 "Status", §3.2 (phase) and §3.4 (imaging coverage): the facts every rule
 * reads. "Now" is an argument; the system clock is set elsewhere to prove it is not read.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  certaintyOf as certaintyWith,
  isHistory as isHistoryWith,
  readConditionStatus,
} from '../../src/rules/condition-status.js';
import { onsetOf } from '../../src/rules/condition-onset.js';
import { collectFindings } from '../../src/rules/collect-findings.js';
import { assessImagingCoverage } from '../../src/rules/imaging-coverage.js';
import { assessMyeloma } from '../../src/rules/myeloma.js';
import { determinePhase } from '../../src/rules/phase.js';
import type { Phase } from '../../src/rules/types.js';
import {
  condition,
  daysFrom,
  defaultRuleSettings,
  icd,
  imagingStudy,
  loinc,
  myeloma,
  NOW,
  plasmacytoma,
  recordOf,
  sct,
  SITE,
  type StudyOptions,
} from './fixtures.js';

const settings = defaultRuleSettings;
const certaintyOf = (c: fhir4.Condition) => certaintyWith(c, settings.statusWords);
const isHistory = (c: fhir4.Condition) => isHistoryWith(c, settings.statusWords, NOW);

beforeAll(() => {
  vi.useFakeTimers({ now: new Date('2031-06-15T12:00:00Z') });
});
afterAll(() => {
  vi.useRealTimers();
});

describe('condition status (rules page §2 "Status")', () => {
  it('counts absent statuses as confirmed and active, and not as history', () => {
    const bare = condition('c', { code: [icd('C90.20')] });
    expect(readConditionStatus(bare, settings.statusWords, NOW)).toEqual({
      certainty: 'confirmed',
      isHistory: false,
      abatement: undefined,
      abatementNote: undefined,
      clinicalCode: undefined,
      unreadable: [],
      uncertainBecause: [],
    });
    expect(certaintyOf(bare)).toBe('confirmed');
    expect(isHistory(bare)).toBe(false);
  });
  const certainty: [string, ReturnType<typeof certaintyWith>][] = [
    ['entered-in-error', 'excluded'],
    ['refuted', 'excluded'],
    ['unconfirmed', 'uncertain'],
    ['provisional', 'uncertain'],
    ['differential', 'uncertain'],
    ['confirmed', 'confirmed'],
  ];
  for (const [verificationStatus, expected] of certainty) {
    it(`treats verificationStatus ${verificationStatus} as ${expected}`, () => {
      expect(certaintyOf(condition('c', { verificationStatus }))).toBe(expected);
    });
  }
  it('reads a bare, upper-case status code sent without its system', () => {
    const extra = { verificationStatus: { coding: [{ code: 'Refuted' }] } };
    expect(certaintyOf(condition('c', { extra }))).toBe('excluded');
  });
  for (const clinicalStatus of ['inactive', 'remission', 'resolved']) {
    it(`treats clinicalStatus ${clinicalStatus} as history`, () => {
      expect(isHistory(condition('c', { clinicalStatus }))).toBe(true);
    });
  }
  for (const clinicalStatus of ['active', 'recurrence', 'relapse']) {
    it(`does not treat clinicalStatus ${clinicalStatus} as history`, () => {
      expect(isHistory(condition('c', { clinicalStatus }))).toBe(false);
    });
  }
  const abatements: Partial<fhir4.Condition>[] = [
    { abatementDateTime: '2026-05-01' },
    { abatementPeriod: { start: '2026-04-01', end: '2026-05-01' } },
    { abatementAge: { value: 61, unit: 'a' } },
    { abatementRange: { low: { value: 60 } } },
    { abatementString: 'after radiotherapy' },
  ];
  for (const extra of abatements) {
    it(`treats an active Condition with ${Object.keys(extra).join()} as history`, () => {
      expect(isHistory(condition('c', { clinicalStatus: 'active', extra }))).toBe(true);
    });
  }
  it('dates a Condition by onset, else onset period start, else recordedDate', () => {
    expect(onsetOf(condition('c', { onset: '2026-01-02', recordedDate: '2026-02-03' }))).toBe(
      '2026-01-02',
    );
    expect(onsetOf(condition('c', { extra: { onsetPeriod: { start: '2026-01-05' } } }))).toBe(
      '2026-01-05',
    );
    expect(onsetOf(condition('c', { recordedDate: '2026-02-03' }))).toBe('2026-02-03');
    expect(onsetOf(condition('c', {}))).toBeUndefined();
  });
});

describe('phase (rules page §3.2)', () => {
  const MM_ONSET = '2026-03-01T00:00:00.000Z';
  const phaseOf = (resources: fhir4.Resource[], windowDays = settings.phaseWindowDays) => {
    const record = recordOf(resources);
    return determinePhase(
      assessMyeloma(record, settings, NOW),
      collectFindings(record, settings, NOW),
      windowDays,
    );
  };
  const liverAt = (onset: string) => plasmacytoma('liver', [SITE.liver], { onset });

  for (const code of ['C90.02', 'C90.12', 'C9002']) {
    it(`is relapsed when a myeloma Condition is coded ${code}, with or without a finding`, () => {
      const mm = myeloma('mm', { code: [icd(code)], onset: MM_ONSET });
      expect(phaseOf([mm]).phase).toBe('relapsed');
      expect(phaseOf([mm, liverAt(MM_ONSET)]).phase).toBe('relapsed');
    });
  }
  for (const clinicalStatus of ['relapse', 'recurrence']) {
    it(`is relapsed when a myeloma Condition has clinicalStatus ${clinicalStatus}`, () => {
      expect(phaseOf([myeloma('mm', { clinicalStatus })]).phase).toBe('relapsed');
    });
  }
  it('is relapsed when an active finding appears while every myeloma Condition is in remission', () => {
    const inRemission = [
      myeloma('mm1', { code: [icd('C90.01')] }),
      myeloma('mm2', { clinicalStatus: 'remission' }),
    ];
    expect(phaseOf([...inRemission, liverAt('2026-10-01')]).phase).toBe('relapsed');
    expect(phaseOf(inRemission).phase).toBe('unknown');
    const resolved = liverAt('2026-10-01');
    resolved.abatementDateTime = '2026-10-20';
    expect(phaseOf([...inRemission, resolved]).phase).toBe('unknown');
  });
  it('is not relapsed by remission when one myeloma Condition is not in remission', () => {
    const mixed = [
      myeloma('mm1', { code: [icd('C90.01')] }),
      myeloma('mm2', { onset: '2019-05-01' }),
    ];
    expect(phaseOf([...mixed, liverAt('2026-10-01')]).phase).toBe('unknown');
  });
  const window: [number, Phase][] = [
    ...[-90, -30, 0, 45, 90].map((days): [number, Phase] => [days, 'diagnosis']),
    ...[-91, 91, 400].map((days): [number, Phase] => [days, 'unknown']),
  ];
  for (const [days, expected] of window) {
    it(`is ${expected} when the finding began ${days} days from the myeloma onset (window 90 days)`, () => {
      const finding = liverAt(daysFrom(MM_ONSET, days));
      expect(phaseOf([myeloma('mm', { onset: MM_ONSET }), finding]).phase).toBe(expected);
    });
  }
  it('says which finding put the patient at diagnosis', () => {
    expect(phaseOf([myeloma('mm', { onset: MM_ONSET }), liverAt(MM_ONSET)]).because).toBe(
      'a finding (Condition/liver) began within 90 days of the myeloma diagnosis',
    );
  });
  it('follows a configured window', () => {
    const resources = [myeloma('mm', { onset: MM_ONSET }), liverAt(daysFrom(MM_ONSET, 60))];
    expect(phaseOf(resources, 30).phase).toBe('unknown');
    expect(phaseOf(resources, 60).phase).toBe('diagnosis');
  });
  it('uses recordedDate when a Condition has no onset', () => {
    const finding = plasmacytoma('liver', [SITE.liver], { recordedDate: daysFrom(MM_ONSET, 20) });
    expect(phaseOf([myeloma('mm', { recordedDate: MM_ONSET }), finding]).phase).toBe('diagnosis');
  });
  it('measures the window from the earliest myeloma onset', () => {
    const myelomas = [myeloma('mm1', { onset: '2019-05-01' }), myeloma('mm2', { onset: MM_ONSET })];
    expect(phaseOf([...myelomas, liverAt(daysFrom(MM_ONSET, 10))]).phase).toBe('unknown');
    // Mutation testing (session 44): and near that earliest onset, the finding is at diagnosis.
    expect(phaseOf([...myelomas, liverAt('2019-05-20')]).phase).toBe('diagnosis');
  });
  it('is unknown, never guessed, when no myeloma Condition has a date', () => {
    expect(phaseOf([myeloma('mm'), liverAt(MM_ONSET)])).toEqual({
      phase: 'unknown',
      because: 'no myeloma Condition has an onset or recorded date',
      basis: [],
      support: undefined,
      uncertainBecause: [],
    });
  });
  // §3.2 "never guesses": "2026" may be any day of 2026, "2026-03" any day of March.
  const partialDates: [string, string, string, Phase][] = [
    ['a year-only myeloma onset', '2026', '2026-02-01', 'unknown'],
    ['a year-only finding onset', '2026-03-01', '2026', 'unknown'],
    [
      'a month-only myeloma onset, finding within 90 days of every day of it',
      '2026-03',
      '2026-05-15',
      'diagnosis',
    ],
    [
      'a month-only myeloma onset, finding within 90 days of only some days of it',
      '2026-03',
      '2026-06-15',
      'unknown',
    ],
    [
      'a month-only finding onset within 90 days of every day of it',
      '2026-03-01',
      '2026-04',
      'diagnosis',
    ],
    [
      'a month-only finding onset past 90 days for its last days (May 31 is day 91)',
      '2026-03-01',
      '2026-05',
      'unknown',
    ],
  ];
  for (const [name, mmOnset, findingOnset, expected] of partialDates) {
    it(`is ${expected} with ${name} (${mmOnset}, finding ${findingOnset})`, () => {
      expect(phaseOf([myeloma('mm', { onset: mmOnset }), liverAt(findingOnset)]).phase).toBe(
        expected,
      );
    });
  }
  it('is unknown when the only finding has no date', () => {
    expect(
      phaseOf([myeloma('mm', { onset: MM_ONSET }), plasmacytoma('liver', [SITE.liver])]).phase,
    ).toBe('unknown');
  });
  // Rules page §3.2 lists C90.22 and C90.32 (plasmacytoma in relapse) in the relapse value set
  // that makes a patient relapsed: those codes count on plasmacytoma Conditions too.
  it('is relapsed when a plasmacytoma is coded in relapse (C90.22)', () => {
    const finding = plasmacytoma('liver', [SITE.liver], {
      code: [icd('C90.22')],
      onset: '2026-10-01',
    });
    expect(phaseOf([myeloma('mm', { onset: '2019-05-01' }), finding]).phase).toBe('relapsed');
  });
});

describe('imaging coverage (rules page §3.4)', () => {
  const coverage = (studies: fhir4.ImagingStudy[], gaps?: ReadonlySet<'ImagingStudy'>) =>
    assessImagingCoverage(recordOf(studies, gaps), settings, NOW);
  const recent = daysFrom(NOW, -30);
  const study = (id: string, options: StudyOptions) =>
    imagingStudy(id, { started: recent, ...options });
  const NONE = { isCovered: false, references: [], undated: [] };
  const PT = ['PT'];

  const covering: [string, StudyOptions][] = [
    ['a PET study by study modality', { modality: ['PT', 'CT'] }],
    ['a PET study by series modality', { series: [{ modality: 'PT' }, { modality: 'CT' }] }],
    ['a PET/CT FDG whole-body procedure (SNOMED 443271005)', { procedure: [sct('443271005')] }],
    ['a PET with CT procedure (SNOMED 450436003)', { procedure: [sct('450436003')] }],
    ['a PET whole-body procedure (LOINC 44139-4)', { procedure: [loinc('44139-4')] }],
    ['a whole-body CT procedure (LOINC 46305-9)', { procedure: [loinc('46305-9')] }],
    ['a whole-body MRI procedure (LOINC 46358-8)', { procedure: [loinc('46358-8')] }],
    ['a CT series of the whole body', { series: [{ modality: 'CT', bodySite: SITE.wholeBody }] }],
  ];
  for (const [name, options] of covering) {
    it(`counts ${name} as whole-body coverage`, () => {
      const { wholeBody } = coverage([study('s', options)]);
      expect(wholeBody).toEqual({ isCovered: true, references: ['ImagingStudy/s'], undated: [] });
    });
  }
  const notCovering: [string, StudyOptions][] = [
    ['a whole-body X-ray (DX) series', { series: [{ modality: 'DX', bodySite: SITE.wholeBody }] }],
    ['a whole-body radiograph (CR)', { series: [{ modality: 'CR', bodySite: SITE.wholeBody }] }],
    ['a CT of the liver', { series: [{ modality: 'CT', bodySite: SITE.liver }] }],
    ['a PET study with status registered', { status: 'registered', modality: PT }],
    ['a PET study with status cancelled', { status: 'cancelled', modality: PT }],
    ['a PET study entered in error', { status: 'entered-in-error', modality: PT }],
    ['a PET study with status unknown', { status: 'unknown', modality: PT }],
    ['a PET study 181 days old (lookback 180)', { started: daysFrom(NOW, -181), modality: PT }],
    ['a PET study dated tomorrow', { started: daysFrom(NOW, 1), modality: PT }],
  ];
  for (const [name, options] of notCovering) {
    it(`does not count ${name}`, () => {
      expect(coverage([study('s', options)]).wholeBody).toEqual(NONE);
    });
  }
  it('does not count a PET study without a start date, and names it as undated', () => {
    // §3.4: "dated by `started`"; the card's "none in the last N days" names it (undated).
    for (const started of ['', '  ', undefined])
      expect(coverage([study('s', { started, modality: PT })]).wholeBody).toEqual({
        isCovered: false,
        references: [],
        undated: ['ImagingStudy/s'],
      });
    // Covered by a dated study, the undated one is not named.
    const dated = study('dated', { modality: PT });
    expect(coverage([dated, study('s', { started: '', modality: PT })]).wholeBody).toEqual({
      isCovered: true,
      references: ['ImagingStudy/dated'],
      undated: [],
    });
  });
  it('names an undated MR of the brain where the neuraxis is not covered', () => {
    const undatedBrain = study('brain', {
      started: '',
      modality: ['MR'],
      procedure: [loinc('24590-2')],
    });
    expect(coverage([undatedBrain]).neuraxis).toEqual({
      isCovered: false,
      references: [],
      undated: ['ImagingStudy/brain'],
    });
  });
  it('counts a study started exactly at the edge of the lookback, and follows a configured lookback', () => {
    const edge = study('edge', { started: daysFrom(NOW, -180), modality: PT });
    expect(coverage([edge]).wholeBody.isCovered).toBe(true);
    const old = recordOf([study('old', { started: daysFrom(NOW, -300), modality: PT })]);
    const longer = { ...settings, imagingLookbackDays: 365 };
    expect(assessImagingCoverage(old, longer, NOW).wholeBody.isCovered).toBe(true);
  });

  const mrBrain = study('brain', { modality: ['MR'], procedure: [loinc('24590-2')] });
  const mrSpine = study('spine', { series: [{ modality: 'MR', bodySite: SITE.thoracicSpine }] });
  it('covers the neuraxis with MR of the brain and MR of the spine', () => {
    const references = ['ImagingStudy/brain', 'ImagingStudy/spine'];
    expect(coverage([mrBrain, mrSpine]).neuraxis).toEqual({
      isCovered: true,
      references,
      undated: [],
    });
    const series = [SITE.brain, SITE.spinalCord].map((bodySite) => ({ modality: 'MR', bodySite }));
    const both = study('both', { series });
    expect(coverage([both]).neuraxis).toEqual({
      isCovered: true,
      references: ['ImagingStudy/both'],
      undated: [],
    });
  });
  it('does not cover the neuraxis with the brain or the spine alone, or with CT', () => {
    const ctBrain = study('ct', { series: [{ modality: 'CT', bodySite: SITE.brain }] });
    for (const studies of [[mrBrain], [mrSpine], [ctBrain, mrSpine]])
      expect(coverage(studies).neuraxis).toEqual(NONE);
  });
  it('counts an MRI of brain and spine dated by its day only, today where it was done (UTC+08:00)', () => {
    // 04:00 on 1 November in Beijing; FHIR gives a date no time zone.
    const earlyInBeijing = new Date('2026-10-31T20:00:00Z');
    const series = [SITE.brain, SITE.cervicalSpine].map((bodySite) => ({
      modality: 'MR',
      bodySite,
    }));
    const today = imagingStudy('today', { started: '2026-11-01', series });
    expect(assessImagingCoverage(recordOf([today]), settings, earlyInBeijing).neuraxis).toEqual({
      isCovered: true,
      references: ['ImagingStudy/today'],
      undated: [],
    });
  });
  it('says coverage is unknown when imaging studies could not be obtained', () => {
    expect(coverage([], new Set(['ImagingStudy'])).isKnown).toBe(false);
    expect(coverage([]).isKnown).toBe(true);
  });
});
