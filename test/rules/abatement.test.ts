/**
 * H96, the text part: an abatementString that is a `statusWords.notAbated` word ("ongoing",
 * 持续) says the Condition has NOT abated, so it is no abatement (rules page §2 reads "has an
 * abatement" as history) and the Condition is read by its clinicalStatus; any other text stays
 * an abatement (the letter). The cards, the explain trace, the phase and the reading of
 * status-less recordings (H94) read it alike. Expected lines are typed from
 * docs/clinical-safety.md H96 and the rules page, not from the code.
 */
import { describe, expect, it } from 'vitest';
import { abatementOf, readAbatement } from '../../src/rules/abatement.js';
import { readConditionStatus } from '../../src/rules/condition-status.js';
import { evaluate } from '../../src/rules/evaluate.js';
import { unreadableDateMark } from '../../src/rules/lenient-readings.js';
import { compileStatusWords } from '../../src/rules/status-words.js';
import type { HookContext } from '../../src/rules/types.js';
import {
  condition,
  defaultRuleSettings,
  icd,
  myeloma,
  NOW,
  PATIENT_ID,
  plasmacytoma,
  recordOf,
  SITE,
} from './fixtures.js';

const words = defaultRuleSettings.statusWords;
const mm = myeloma('mm', { clinicalStatus: 'active', onset: '2018-01-10' });
const BRAIN_CLASS =
  'class cns: body site 12738006 (Brain structure) is in https://fhir.emd-cds.org/ValueSet/site-cns';
const notAbated = (word: string) =>
  `abatementString ${JSON.stringify(word)} says not abated (statusWords.notAbated): not read as abated`;

const brain = (id: string, abatementString: string, clinicalStatus?: string) =>
  plasmacytoma(id, [SITE.brain], {
    ...(clinicalStatus ? { clinicalStatus } : {}),
    verificationStatus: 'confirmed',
    onset: '2026-09-01',
    extra: { abatementString },
  });

function evaluationOf(resources: fhir4.Resource[], context?: HookContext) {
  return evaluate({
    record: recordOf(resources),
    settings: defaultRuleSettings,
    context: context ?? { kind: 'patient-view', patientId: PATIENT_ID },
    now: NOW,
  });
}
const lineOf = (evaluation: ReturnType<typeof evaluationOf>, reference: string) =>
  evaluation.trace.find((line) => line.reference === reference)?.message;
const fired = (evaluation: ReturnType<typeof evaluationOf>) =>
  evaluation.outcomes.filter((o) => o.fired).map((o) => `${o.ruleId} ${o.indicator}`);

describe('an abatementString read against statusWords.notAbated (H96)', () => {
  // The defaults the hazard names, English and Simplified Chinese, as written in records.
  for (const text of ['ongoing', 'Not resolved', 'unresolved', 'N/A', 'unknown', '持续', '未缓解'])
    it(`reads "${text}" as no abatement, the letter still seeing one`, () => {
      const c = brain('b', text, 'active');
      expect(abatementOf(c)).toBe('abatementString');
      expect(readAbatement(c, words, NOW).abatement).toBeUndefined();
      expect(readConditionStatus(c, words, NOW)).toMatchObject({
        isHistory: false,
        abatement: undefined,
      });
    });

  for (const text of ['resolved in 2019', '2025, after radiotherapy', 'ongoing until 2019'])
    it(`keeps "${text}" an abatement, so history (the letter)`, () => {
      expect(readConditionStatus(brain('b', text, 'active'), words, NOW)).toMatchObject({
        isHistory: true,
        historyBecause: 'abatementString',
        abatement: 'abatementString',
        abatementNote: undefined,
      });
    });

  it('reads a not-abated Condition by its clinicalStatus: resolved is still history', () => {
    expect(readConditionStatus(brain('b', 'ongoing', 'resolved'), words, NOW)).toMatchObject({
      isHistory: true,
      historyBecause: 'clinicalStatus resolved',
      abatement: undefined,
    });
  });

  it('reads the words without a `now` too (certainty alone), and a list without them as the letter', () => {
    expect(readAbatement(brain('b', 'ongoing'), words, undefined).abatement).toBeUndefined();
    const letter = compileStatusWords({ history: [], ignored: [], notAbated: [] });
    expect(readAbatement(brain('b', 'ongoing'), letter, NOW)).toEqual({
      abatement: 'abatementString',
      note: undefined,
    });
  });
});

describe('an abatementString that is empty or blanks only (H122)', () => {
  for (const text of ['', ' ', '  \n\t '])
    it(`reads ${JSON.stringify(text)} as no abatement, even where the words say nothing`, () => {
      const letter = compileStatusWords({ history: [], ignored: [], notAbated: [] });
      expect(readAbatement(brain('b', text, 'active'), letter, NOW)).toEqual({
        abatement: undefined,
        note: 'abatementString is empty: not read as abated',
      });
    });

  // H122 beside H119: an abatementPeriod, Age or Range that holds nothing says nothing either.
  const withAbatement = (extra: Record<string, unknown>) =>
    plasmacytoma('b', [SITE.brain], {
      clinicalStatus: 'active',
      verificationStatus: 'confirmed',
      onset: '2026-09-01',
      extra,
    });
  for (const [form, value] of [
    ['abatementPeriod', {}],
    ['abatementPeriod', { id: 'p1', extension: [] }],
    ['abatementAge', {}],
    ['abatementRange', { low: null, high: null }],
    // "" as H119 reads it (left out, null or ""), called on the rules directly (the backtest's
    // and the service's input reading takes "" out first: mutation testing, session 44).
    ['abatementPeriod', { start: '' }],
    ['abatementPeriod', { start: ' ', end: '' }],
  ] as const)
    it(`reads ${form} ${JSON.stringify(value)} as no abatement`, () => {
      expect(readAbatement(withAbatement({ [form]: value }), words, NOW)).toEqual({
        abatement: undefined,
        note: `${form} is empty: not read as abated`,
      });
    });

  // Mutation testing (session 44): H69's null reached no rules test for abatementDateTime.
  it('reads abatementDateTime null as no abatement (H69): emd-cns stays critical', () => {
    const nulled = withAbatement({ abatementDateTime: null });
    expect(abatementOf(nulled)).toBeUndefined();
    expect(fired(evaluationOf([mm, nulled]))).toEqual(['emd-cns critical']);
  });

  it('keeps a period whose start the lenient reading took out (its mark) an abatement', () => {
    const marked = withAbatement({ abatementPeriod: { _start: { extension: [] } } });
    expect(readAbatement(marked, words, NOW).abatement).toBe('abatementPeriod');
  });

  it('gives the critical CNS card for an active brain plasmacytoma with "", and says why', () => {
    const evaluation = evaluationOf([mm, brain('b', '', 'active')]);
    expect(fired(evaluation)).toEqual(['emd-cns critical']);
    expect(evaluation.trace.map((line) => line.message)).toContainEqual(
      expect.stringContaining('abatementString is empty: not read as abated'),
    );
  });

  it('keeps a resolved Condition with "" history, by its clinicalStatus', () => {
    expect(readConditionStatus(brain('b', '', 'resolved'), words, NOW)).toMatchObject({
      isHistory: true,
      historyBecause: 'clinicalStatus resolved',
      abatement: undefined,
    });
  });
});

describe('what the cards and the trace say of it', () => {
  it('gives the critical CNS card for an active brain plasmacytoma "ongoing", and says why', () => {
    const evaluation = evaluationOf([mm, brain('b', 'ongoing', 'active')]);
    expect(fired(evaluation)).toEqual(['emd-cns critical']);
    expect(lineOf(evaluation, 'Condition/b')).toBe(
      `active finding, ${BRAIN_CLASS}; ${notAbated('ongoing')}`,
    );
  });

  it('names the word as compared, never the record text as written', () => {
    const evaluation = evaluationOf([mm, brain('b', '  Not\n\n   Resolved. ', 'active')]);
    expect(lineOf(evaluation, 'Condition/b')).toBe(
      `active finding, ${BRAIN_CLASS}; ${notAbated('not resolved')}`,
    );
  });

  it("cuts a site's long word to 60 characters in the trace", () => {
    const long = `still ${'x'.repeat(200)}`;
    const site = {
      ...defaultRuleSettings,
      statusWords: compileStatusWords({ history: [], ignored: [], notAbated: [long] }),
    };
    const note = readAbatement(brain('b', long), site.statusWords, NOW).note;
    expect(note).toBe(notAbated(`${long.slice(0, 60)}…`));
  });

  it('says nothing of the words for a resolved one: it is history by its status', () => {
    const evaluation = evaluationOf([mm, brain('b', 'ongoing', 'resolved')]);
    expect(fired(evaluation)).toEqual([]);
    expect(lineOf(evaluation, 'Condition/b')).toBe(
      `history finding (clinicalStatus resolved), ${BRAIN_CLASS}; ${notAbated('ongoing')}`,
    );
  });

  it('reads a relapse-coded myeloma Condition "N/A" as active for the phase (§3.2)', () => {
    const relapse = myeloma('mr', {
      code: [icd('C90.02')],
      onset: '2024-01-10',
      extra: { abatementString: 'N/A' },
    });
    const evaluation = evaluationOf([relapse]);
    expect(evaluation.facts.phase.phase).toBe('relapsed');
    expect(evaluation.facts.myeloma.conditions[0]?.isHistory).toBe(false);
    expect(lineOf(evaluation, 'Condition/mr')).toMatch(
      new RegExp(`, in relapse; ${notAbated('n/a').replace(/[()./]/g, '\\$&')}$`),
    );
  });
});

describe('a status-less recording with an abatementString that says not abated (H94 beside H96)', () => {
  const problemList = condition('pl', {
    code: [icd('C90.20')],
    sites: [SITE.brain],
    clinicalStatus: 'resolved',
    onset: '2019-03-01',
    extra: { abatementDateTime: '2020-06-01' },
  });
  const encounterDx = (recordedDate: string) =>
    condition('ed', {
      code: [icd('C90.20')],
      sites: [SITE.brain],
      recordedDate,
      extra: { abatementString: '持续' },
    });

  it('is active alone: no clinicalStatus and no abatement, so §2 defaults', () => {
    expect(fired(evaluationOf([mm, encounterDx('2026-10-01')]))).toEqual(['emd-cns critical']);
  });

  it('recorded after the problem list resolved it: a new episode, active', () => {
    const evaluation = evaluationOf([mm, problemList, encounterDx('2026-10-01')]);
    expect(fired(evaluation)).toEqual(['emd-cns critical']);
    expect(lineOf(evaluation, 'Condition/ed')).toContain('a new episode, active (H94)');
  });

  it('recorded before that resolution: read as that history, as any status-less one', () => {
    const evaluation = evaluationOf([mm, problemList, encounterDx('2019-04-10')]);
    expect(fired(evaluation)).toEqual([]);
    expect(lineOf(evaluation, 'Condition/ed')).toMatch(/^history finding \(no clinicalStatus; /);
  });
});

/**
 * H106: abatement dates that say nothing of when a Condition abated. The expected trace lines
 * are typed from docs/clinical-safety.md H106; the dates are those the records probe met.
 */
describe('an abatement dated at a "no date" placeholder or before its own onset (H106)', () => {
  const dated = (abatementDateTime: string, clinicalStatus?: string) =>
    plasmacytoma('b', [SITE.brain], {
      ...(clinicalStatus ? { clinicalStatus } : {}),
      verificationStatus: 'confirmed',
      onset: '2026-10-20',
      extra: { abatementDateTime },
    });

  for (const date of [
    '0001-01-01T00:00:00',
    '0001-01-01',
    '1753-01-01T00:00:00',
    '1900-01-01',
    '1970-01-01',
    '1970-01-01T00:00:00Z',
    // Mutation testing (session 44): the epoch at midnight UTC as programs write it too,
    // JavaScript's new Date(0).toISOString() and an explicit zero offset (H106).
    '1970-01-01T00:00:00.000Z',
    '1970-01-01T00:00:00+00:00',
  ])
    it(`reads ${date} as no abatement, with the trace saying why`, () => {
      expect(readAbatement(dated(date), words, NOW)).toEqual({
        abatement: undefined,
        note: `abatement dated ${date} (abatementDateTime), a date exports write for "no date": not read as abated`,
      });
    });

  it('reads an abatement two years before the onset as no abatement', () => {
    expect(readAbatement(dated('2024-10-20'), words, NOW)).toEqual({
      abatement: undefined,
      note: "abatement dated before the Condition's own onset (abatementDateTime 2024-10-20, onset 2026-10-20): not read as abated",
    });
  });

  // With no onset to compare with, only the placeholder test applies.
  const undatedOnset = (abatementDateTime: string) =>
    plasmacytoma('b', [SITE.brain], {
      verificationStatus: 'confirmed',
      extra: { abatementDateTime },
    });
  for (const date of ['1970-01-01T09:30:00Z', '1901-01-01'])
    it(`keeps ${date} an abatement: a time of day, or a date after 1900, is no placeholder`, () => {
      expect(readAbatement(undatedOnset(date), words, NOW)).toEqual({
        abatement: 'abatementDateTime',
        note: undefined,
      });
    });

  for (const date of ['2026-10-20', '2026-10-19', '2026-10-25'])
    it(`keeps ${date} an abatement: on, a day before or after the onset (2026-10-20)`, () => {
      expect(readAbatement(dated(date), words, NOW)).toEqual({
        abatement: 'abatementDateTime',
        note: undefined,
      });
    });

  it('an active brain plasmacytoma so dated raises emd-cns (critical); resolved, it is history', () => {
    expect(fired(evaluationOf([mm, dated('0001-01-01T00:00:00', 'active')]))).toEqual([
      'emd-cns critical',
    ]);
    expect(fired(evaluationOf([mm, dated('0001-01-01T00:00:00', 'resolved')]))).toEqual([]);
  });
});

// Mutation testing (session 44): no test gave a period with an end only. H96 dates it by its
// end when it has no start; an end after now has not happened (rules page §2 "has an
// abatement", read at now), so the active brain finding keeps its critical card.
describe('an abatementPeriod with an end only, after now (H96)', () => {
  const ending = (end: string) =>
    plasmacytoma('b', [SITE.brain], {
      clinicalStatus: 'active',
      verificationStatus: 'confirmed',
      onset: '2026-09-01',
      extra: { abatementPeriod: { end } },
    });

  it('is no abatement yet: the active brain plasmacytoma raises emd-cns (critical)', () => {
    expect(readAbatement(ending('2027-03-01'), words, NOW).abatement).toBeUndefined();
    expect(fired(evaluationOf([mm, ending('2027-03-01')]))).toEqual(['emd-cns critical']);
  });

  it('is an abatement once that end has passed: history, no card', () => {
    expect(readAbatement(ending('2026-10-01'), words, NOW).abatement).toBe('abatementPeriod');
    expect(fired(evaluationOf([mm, ending('2026-10-01')]))).toEqual([]);
  });
});

describe('an abatementPeriod whose start the feed sent as no date (H119)', () => {
  // As the lenient reading (src/fhir/lenient-abatement.ts) leaves it: the start taken out and
  // marked, the end as sent.
  const marked = unreadableDateMark();
  const period = (end?: string) =>
    plasmacytoma('b', [SITE.brain], {
      clinicalStatus: 'active',
      verificationStatus: 'confirmed',
      onset: '2026-10-20',
      extra: { abatementPeriod: { _start: marked, ...(end ? { end } : {}) } },
    });

  it('is an abatement of unknown date: its end after now does not unmake it (rules page §2)', () => {
    expect(readAbatement(period('2027-03-01'), words, NOW)).toEqual({
      abatement: 'abatementPeriod',
      note: undefined,
    });
    expect(fired(evaluationOf([mm, period('2027-03-01')]))).toEqual([]);
  });

  it('is named in the trace as not a date, its text not copied', () => {
    const cns = evaluationOf([mm, period()]).outcomes.find((o) => o.ruleId === 'emd-cns');
    // The rule of its class says why it is silent: an active status beside an abatement.
    expect(cns?.explain).toContainEqual(
      expect.stringContaining('but its abatementPeriod (its start not a date) makes it history'),
    );
  });
});
