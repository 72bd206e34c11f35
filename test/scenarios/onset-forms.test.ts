/**
 * A Condition's onset in the forms FHIR R4 allows besides a dateTime: `onsetString` ("2019"),
 * `onsetAge` (59 years), `onsetRange`, and `onsetPeriod` with only an end. Rules page §3.2: the
 * phase is `diagnosis` "if an active finding's onset (else `recordedDate`) lies within the window
 * (default 90 days, either side) of the earliest myeloma onset; else `unknown`. Unknown phase
 * shows both site lists and never guesses." "Else recordedDate" is for a Condition that records
 * no onset at all: an onset given in a form that names no date is an onset not known, and the
 * recordedDate (often the date a migration loaded an old diagnosis) must not pass for it.
 *
 * Each row names a Bundle of test/fixtures/onset-forms/ and what a clinician should see, typed
 * from the rules page; it is played from the transaction Bundle and over HTTP from its prefetch
 * request, as ./partial-dates.test.ts plays its Bundles. "Now" is 2026-11-01T00:00Z.
 */
import { describe, expect, it } from 'vitest';
import { CARD_EXTENSION } from '../../src/cds/cards/build-card.js';
import { evaluate } from '../../src/rules/evaluate.js';
import { buildPatientRecord, flattenResources } from '../../src/rules/patient-record.js';
import { defaultSettings, SCENARIO_NOW } from '../support/app.js';
import { cardSummary, fixtureBundles, ruleOf } from './fixture-bundles.js';

interface OnsetFormScenario {
  /** file name under test/fixtures/onset-forms/, without .json; also the patient id */
  bundle: string;
  /** why this case exists, citing the rules page */
  why: string;
  /** expected cards, in any order: "rule id indicator" */
  cards: string[];
  phase: 'diagnosis' | 'unknown';
  /** The liver's line in the emd-soft-tissue card (config/wording/en.yaml findings line). */
  liverLine: string;
  /** What the explain trace must say of the phase, when the row is about a form that cannot be dated. */
  because?: string;
}

const LIVER = '- Liver structure: true EMD \\(soft tissue / organ\\)';
/** §1: the liver is a typical EMD site at relapse, not at diagnosis; "a site atypical for the phase is said so". */
const ATYPICAL = '; not a typical site for this phase';

// Every patient has confirmed, active multiple myeloma (C90.00, never relapse- or
// remission-coded) and an active, confirmed liver plasmacytoma (C90.20, SNOMED CT 10200004):
// true EMD, so one emd-soft-tissue warning (§3.3 class 4, §4), whatever the phase.
const scenarios: OnsetFormScenario[] = [
  {
    bundle: 'mm-onset-string',
    why: '§3.2: myeloma onset "2019" (onsetString), recorded 2026-08-01; liver plasmacytoma since 2026-09-01. The myeloma onset is not known, so not "at diagnosis"',
    cards: ['emd-soft-tissue warning'],
    phase: 'unknown',
    liverLine: `${LIVER}, since 2026-09-01`,
    because:
      "Condition/mm-onset-string-mm's onset is given as text (onsetString), which cannot be dated",
  },
  {
    bundle: 'mm-onset-age',
    why: '§3.2: myeloma onset at age 59 (onsetAge), recorded 2026-08-01: the onset is not known, so phase unknown',
    cards: ['emd-soft-tissue warning'],
    phase: 'unknown',
    liverLine: `${LIVER}, since 2026-09-01`,
    because:
      "Condition/mm-onset-age-mm's onset is given as an age (onsetAge), which cannot be dated",
  },
  {
    bundle: 'mm-onset-range',
    why: '§3.2: myeloma onset between ages 58 and 60 (onsetRange), recorded 2026-08-01: phase unknown',
    cards: ['emd-soft-tissue warning'],
    phase: 'unknown',
    liverLine: `${LIVER}, since 2026-09-01`,
    because:
      "Condition/mm-onset-range-mm's onset is given as a range (onsetRange), which cannot be dated",
  },
  {
    bundle: 'mm-onset-period-end-only',
    why: '§3.2: myeloma onset period ending 2019-05-01 with no start, recorded 2026-08-01: when it began is not known, phase unknown',
    cards: ['emd-soft-tissue warning'],
    phase: 'unknown',
    liverLine: `${LIVER}, since 2026-09-01`,
    because:
      "Condition/mm-onset-period-end-only-mm's onset is given as a period with no start (onsetPeriod), which cannot be dated",
  },
  {
    bundle: 'second-mm-onset-string',
    why: '§3.2 "earliest myeloma onset": one myeloma Condition began 2026-08-01, another "2019" (onsetString); the earliest is not known, so the finding of 2026-09-01 does not make the phase "at diagnosis"',
    cards: ['emd-soft-tissue warning'],
    phase: 'unknown',
    liverLine: `${LIVER}, since 2026-09-01`,
    because:
      "Condition/second-mm-onset-string-mm2's onset is given as text (onsetString), which cannot be dated",
  },
  {
    bundle: 'finding-onset-string',
    why: '§3.2: myeloma since 2026-06-01; the plasmacytoma\'s onset is "2019-03" (onsetString), recorded 2026-07-01: not near the myeloma onset, so phase unknown, and the card gives it no date',
    cards: ['emd-soft-tissue warning'],
    phase: 'unknown',
    liverLine: LIVER,
    because:
      "Condition/finding-onset-string-pc1's onset is given as text (onsetString), which cannot be dated",
  },
  {
    bundle: 'finding-recorded-twice-one-undatable',
    why: '§2 "Duplicates", §3.2: the liver plasmacytoma is on the problem list with onset "2019-03" (onsetString) and an encounter diagnosis since 2026-09-01; it may have begun long before the myeloma of 2026-08-01, so phase unknown, listed once and undated',
    cards: ['emd-soft-tissue warning'],
    phase: 'unknown',
    liverLine: LIVER,
    because:
      "Condition/finding-recorded-twice-one-undatable-pc1's onset is given as text (onsetString), which cannot be dated",
  },
  // Controls: what §3.2 says must keep working.
  {
    bundle: 'mm-no-onset-recorded-near',
    why: '§3.2 "else recordedDate": the myeloma records no onset at all, recorded 2026-08-01; the finding since 2026-09-01 is 31 days later: at diagnosis',
    cards: ['emd-soft-tissue warning'],
    phase: 'diagnosis',
    liverLine: `${LIVER}, since 2026-09-01${ATYPICAL}`,
  },
  {
    bundle: 'finding-no-onset-recorded-near',
    why: '§3.2 "else recordedDate": the plasmacytoma records no onset at all, recorded 2026-07-01, 30 days after the myeloma onset of 2026-06-01: at diagnosis',
    cards: ['emd-soft-tissue warning'],
    phase: 'diagnosis',
    liverLine: `${LIVER}, since 2026-07-01${ATYPICAL}`,
  },
  {
    bundle: 'mm-onset-period-start',
    why: '§3.2: myeloma onset period 2026-08-01 to 2026-08-15 (a start is a date); the finding since 2026-09-01 is 31 days later: at diagnosis',
    cards: ['emd-soft-tissue warning'],
    phase: 'diagnosis',
    liverLine: `${LIVER}, since 2026-09-01${ATYPICAL}`,
  },
];

const { read, cardsOverHttp } = fixtureBundles('onset-forms');

const evaluated = (name: string) =>
  evaluate({
    record: buildPatientRecord(name, flattenResources([read(name)])),
    settings: defaultSettings.rules,
    context: { kind: 'patient-view', patientId: name },
    now: SCENARIO_NOW,
  });

/** The phase paragraph of config/wording/en.yaml, as the card detail starts it. */
const PHASE_WORDS = {
  diagnosis: '**Phase: at diagnosis.**',
  unknown: '**Phase: not determined from the record.**',
};

describe.each(scenarios)('$bundle', (scenario) => {
  it(`evaluated from its transaction Bundle: ${scenario.why}`, () => {
    const { facts, outcomes } = evaluated(scenario.bundle);
    expect(
      outcomes
        .filter((o) => o.fired)
        .map((o) => `${o.ruleId} ${o.indicator ?? ''}`)
        .sort(),
    ).toEqual([...scenario.cards].sort());
    expect(facts.phase.phase).toBe(scenario.phase);
    if (scenario.because) expect(facts.phase.because).toContain(scenario.because);
  });

  it('gives the same cards and phase over HTTP from its prefetch request', async () => {
    const cards = await cardsOverHttp(scenario.bundle);
    expect(cardSummary(cards)).toEqual([...scenario.cards].sort());
    const card = cards.find((c) => ruleOf(c) === 'emd-soft-tissue');
    expect(card?.extension?.[CARD_EXTENSION.phase]).toBe(scenario.phase);
    const detail = card?.detail ?? '';
    expect(detail).toContain(PHASE_WORDS[scenario.phase]);
    if (scenario.phase === 'unknown') expect(detail).not.toContain(PHASE_WORDS.diagnosis);
    const lines = detail.split('\n').filter((line) => line.startsWith('- Liver structure'));
    expect(lines).toEqual([scenario.liverLine]);
  });
});
