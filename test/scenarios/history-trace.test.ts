/**
 * Records whose history (or dates) the rules pass over by the rules page's letter: the explain
 * trace now names what was passed over (test/rules/history-trace.test.ts), and the cards stay
 * as the page says. Each row names a Bundle of test/fixtures/history-trace/ and the cards a
 * clinician should see, typed from the rules page; it is played from the transaction Bundle
 * and over HTTP from its prefetch request, as ./null-abatement.test.ts plays its Bundles.
 * "Now" is 2026-11-01. Every patient has confirmed, active myeloma since 2019-03-10.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { expectValidHookResponse, readExampleRequest, testApp } from '../support/app.js';
import { fixtureBundles, playScenarioRows, type ScenarioRow } from './fixture-bundles.js';

const scenarios: ScenarioRow[] = [
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

const bundles = fixtureBundles('history-trace');

playScenarioRows(scenarios, bundles);

describe('a PET study with no started, on the card', () => {
  // §3.4 does not count it; the card's "none in the last 180 days" says it was not counted and
  // why, so the clinician checks before ordering a PET/CT that may have been done last week.
  it('is named as not counted in the English card', async () => {
    const [card] = await bundles.cardsOverHttp('pet-series-started-only');
    expect(card?.detail).toContain(
      'No PET/CT or whole-body CT/MRI in the last 180 days (not counted, as the study has no date: PT; check it before ordering).',
    );
  });

  it('is named as not counted in the Simplified Chinese card', async () => {
    const [card] = await bundles.cardsOverHttp('pet-series-started-only', 'zh-CN');
    expect(card?.detail).toContain(
      '近 180 天内无 PET/CT 或全身 CT/MRI 检查（因检查未记录日期而未计入：PT；开单前请核查）。',
    );
  });

  it('is not named where no study lacks a date (the example patient emd-skin-at-diagnosis)', async () => {
    const response = await request(testApp())
      .post('/cds-services/emd-patient-view')
      .send(readExampleRequest('emd-skin-at-diagnosis'));
    const details = expectValidHookResponse(response.body).cards.map((card) => card.detail);
    expect(details.join('\n')).toContain(
      'No PET/CT or whole-body CT/MRI in the last 180 days. PET/CT is the usual whole-body test',
    );
  });
});
