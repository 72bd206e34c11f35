/**
 * Imaging dated by a month or a year only (FHIR R4 date and dateTime allow "2026-05" and "2026";
 * migrated imaging and outside studies carry them), against the 180-day lookback of the rules
 * page (§3.4 "recent", and `emd-reported-not-listed` in §4). Such a date is every day in it, so a
 * month that straddles the window's start is maybe within it, not surely (H49):
 * - a PET/CT so dated counts as recent whole-body imaging only if surely within: counting an
 *   uncertain one would withhold the PET/CT the soft-tissue card proposes;
 * - a report so dated is checked if maybe within: skipping an uncertain one would hide the
 *   plasmacytoma it reports.
 * A month or year that has begun by "now" is not in the future; a later one is.
 *
 * Each row names a Bundle of test/fixtures/partial-dates/ and the cards a clinician should see,
 * typed from the rules page; it is played from the transaction Bundle and over HTTP from its
 * prefetch request, as ./voided-imaging.test.ts plays its Bundles. "Now" is 2026-11-01T00:00Z:
 * the window starts on 2026-05-05, inside May 2026 and inside 2026.
 */
import { describe, expect, it } from 'vitest';
import type { CdsCard as Card } from '../support/cds-hooks-schema.js';
import { cardSummary, fixtureBundles, ruleOf } from './fixture-bundles.js';

interface PartialDateScenario {
  /** file name under test/fixtures/partial-dates/, without .json; also the patient id */
  bundle: string;
  /** why this case exists, citing the rules page */
  why: string;
  /** expected cards, in any order: "rule id indicator" */
  cards: string[];
  /** whether the soft-tissue card proposes a PET/CT (rules page §4), when it fires */
  proposesPetCt?: boolean;
}

// Every patient has confirmed myeloma in relapse (C90.02). The pet-* patients have an active
// liver plasmacytoma (C90.20, SNOMED CT 10200004) since 2026-10-20 and an available FDG PET/CT
// (SNOMED CT 443271005) dated as the row says. The report-* patients have no plasmacytoma
// Condition and a final radiology report on that PET/CT, dated as the row says (no `issued`),
// concluding C90.20 with the liver.
const scenarios: PartialDateScenario[] = [
  {
    bundle: 'pet-month-straddles-lookback',
    why: '§3.4, §4: a PET/CT of May 2026 may be older than 180 days (1–4 May): not surely recent, so PET/CT is still proposed',
    cards: ['emd-soft-tissue warning'],
    proposesPetCt: true,
  },
  {
    bundle: 'pet-year-only',
    why: '§3.4, §4: a PET/CT of 2026 may date from January: not surely recent, so PET/CT is still proposed',
    cards: ['emd-soft-tissue warning'],
    proposesPetCt: true,
  },
  {
    bundle: 'pet-current-month',
    why: '§3.4, §4: a PET/CT of November 2026, the month that began at "now", is recent: no PET/CT proposed',
    cards: ['emd-soft-tissue warning'],
    proposesPetCt: false,
  },
  {
    bundle: 'report-month-straddles-lookback',
    why: '§4 emd-reported-not-listed: a report of May 2026 may be within the 180 days (5–31 May): its plasmacytoma is flagged',
    cards: ['emd-reported-not-listed info'],
  },
  {
    bundle: 'report-year-only',
    why: '§4 emd-reported-not-listed: a report of 2026 may be within the 180 days: its plasmacytoma is flagged',
    cards: ['emd-reported-not-listed info'],
  },
  {
    bundle: 'report-current-month',
    why: '§4 emd-reported-not-listed: a report of November 2026, the month that began at "now", is within the lookback',
    cards: ['emd-reported-not-listed info'],
  },
  {
    bundle: 'report-next-month',
    why: '§3.4 "recent" is before now: a report of December 2026 has not happened yet (a data error), so it is not read',
    cards: [],
  },
];

const { firedFromBundle, cardsOverHttp } = fixtureBundles('partial-dates');

/** The codes of the orders a card proposes; PET/CT FDG whole body is SNOMED CT 443271005 (§5). */
const proposedCodes = (card: Card | undefined) =>
  (card?.suggestions ?? []).flatMap((s) =>
    (s.actions ?? []).flatMap((a) => {
      const resource = a.resource as fhir4.ServiceRequest | undefined;
      return (resource?.code?.coding ?? []).map((c) => c.code);
    }),
  );

describe.each(scenarios)('$bundle', (scenario) => {
  it(`evaluated from its transaction Bundle: ${scenario.why}`, () => {
    expect(firedFromBundle(scenario.bundle)).toEqual([...scenario.cards].sort());
  });

  it('gives the same cards over HTTP from its prefetch request', async () => {
    const cards = await cardsOverHttp(scenario.bundle);
    expect(cardSummary(cards)).toEqual([...scenario.cards].sort());
    if (scenario.proposesPetCt === undefined) return;
    const softTissue = cards.find((card) => ruleOf(card) === 'emd-soft-tissue');
    if (scenario.proposesPetCt) expect(proposedCodes(softTissue)).toContain('443271005');
    else expect(proposedCodes(softTissue)).not.toContain('443271005');
  });
});
