/**
 * Records whose history (or dates) the rules pass over by the rules page's letter: the explain
 * trace now names what was passed over (test/rules/history-trace.test.ts), and the cards stay
 * as the page says. Each row names a Bundle of test/fixtures/history-trace/ and the cards a
 * clinician should see, typed from the rules page; it is played from the transaction Bundle
 * and over HTTP from its prefetch request, as ./null-abatement.test.ts plays its Bundles.
 * "Now" is 2026-11-01. Every patient has confirmed, active myeloma since 2019-03-10.
 */
import { describe, expect, it } from 'vitest';
import { cardSummary, fixtureBundles } from './fixture-bundles.js';

interface HistoryTraceScenario {
  /** file name under test/fixtures/history-trace/, without .json; also the patient id */
  bundle: string;
  /** why this case exists, citing the rules page */
  why: string;
  /** expected cards, in any order: "rule id indicator" */
  cards: string[];
}

const scenarios: HistoryTraceScenario[] = [
  {
    bundle: 'resolved-liver-reported-again',
    why: '§4: a PET report 2026-10-20 concluding C90.20 at the liver is listed by a liver plasmacytoma of the same code and site resolved and abated 2022-06-01 (any status lists it): no card',
    cards: [],
  },
  {
    bundle: 'brain-recurrence-old-abatement',
    why: '§2 "or that has an abatement": a brain plasmacytoma with clinicalStatus recurrence and abatementDateTime 2024-05-01 is history, which never raises a card of its own',
    cards: [],
  },
  {
    bundle: 'brain-active-open-abatement-period',
    why: '§2: a brain plasmacytoma with clinicalStatus active and an abatementPeriod from 2026-10-20 with no end is history: no card, in relapse as in any phase',
    cards: [],
  },
  {
    bundle: 'pet-series-started-only',
    why: '§3.4 "dated by started", §4: an available PET study with no started (its series started 2026-10-15) does not cover the whole body, so the active liver plasmacytoma\'s warning proposes PET/CT',
    cards: ['emd-soft-tissue warning'],
  },
  {
    bundle: 'report-issued-late',
    why: '§2, §4: a PET report effective 2026-01-05 (older than the 180-day lookback) but issued 2026-10-20, concluding C90.20 at the liver, is not read: no card',
    cards: [],
  },
];

const { firedFromBundle, cardsOverHttp } = fixtureBundles('history-trace');

describe.each(scenarios)('$bundle', (scenario) => {
  it(`evaluated from its transaction Bundle: ${scenario.why}`, () => {
    expect(firedFromBundle(scenario.bundle)).toEqual([...scenario.cards].sort());
  });

  it('gives the same cards over HTTP from its prefetch request', async () => {
    expect(cardSummary(await cardsOverHttp(scenario.bundle))).toEqual([...scenario.cards].sort());
  });
});
