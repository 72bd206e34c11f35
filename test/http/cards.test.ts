/** The card contract of rules page §4 and CDS Hooks 2.0 §Card, over HTTP. */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { CARD_EXTENSION } from '../../src/cds/cards/build-card.js';
import { expectValidHookResponse, readExampleRequest, testApp } from '../support/app.js';

const SERVICE = '/cds-services/emd-patient-view';

async function cardsFor(body: object) {
  const response = await request(testApp()).post(SERVICE).send(body);
  expect(response.status).toBe(200);
  return expectValidHookResponse(response.body).cards;
}

const ruleOf = (card: { extension?: Record<string, unknown> | undefined }) =>
  card.extension?.[CARD_EXTENSION.ruleId];

describe('card contents', () => {
  it('escapes record text so it cannot inject Markdown or HTML', async () => {
    const body = readExampleRequest('emd-skin-at-diagnosis');
    const conditions = (body.prefetch as { conditions: fhir4.Bundle }).conditions;
    const finding = conditions.entry
      ?.map((e) => e.resource as fhir4.Condition)
      .find((c) => c.id === 'emd-skin-at-diagnosis-pc1');
    if (!finding?.bodySite?.[0])
      throw new Error('example changed: emd-skin-at-diagnosis-pc1 has no body site');
    finding.bodySite[0].text =
      '<img src=x onerror=alert(1)> **URGENT** [click](javascript:alert(1))\n# heading';
    const [card] = await cardsFor(body);
    expect(card?.detail).toBeDefined();
    const detail = card?.detail ?? '';
    expect(detail).not.toMatch(/(^|[^\\])<img/);
    expect(detail).not.toMatch(/\]\(javascript:/);
    expect(detail).not.toMatch(/(^|[^\\])\*\*URGENT/);
    expect(detail).not.toMatch(/^# heading/m);
    expect(detail).toContain('\\<img src=x onerror=alert\\(1\\)\\>');
  });

  it('gives every card a fresh uuid, a source citing the review, and override reasons with a display', async () => {
    const body = readExampleRequest('emd-and-cns');
    const first = await cardsFor(body);
    const second = await cardsFor(body);
    const uuids = [...first, ...second].map((c) => c.uuid);
    expect(new Set(uuids).size).toBe(uuids.length);
    for (const card of first) {
      expect(card.source.url).toBe('https://doi.org/10.1038/s41408-022-00643-3');
      expect(card.overrideReasons?.length).toBeGreaterThan(0);
      for (const reason of card.overrideReasons ?? [])
        expect(reason.display.length).toBeGreaterThan(0);
    }
  });

  // Rules page §1 and §4: the trial link is part of every EMD and CNS card. The URL is the
  // built-in `links.trials`, typed from docs/configuring.md, not read from src/.
  const TRIALS = 'https://clinicaltrials.gov/search?cond=Multiple%20Myeloma&term=extramedullary';

  it('puts the critical card first and links EMD and CNS cards to clinical trials', async () => {
    const cards = await cardsFor(readExampleRequest('emd-and-cns'));
    expect(cards.map(ruleOf)).toEqual(['emd-cns', 'emd-soft-tissue']);
    for (const card of cards) expect(card.links?.map((l) => l.url)).toContain(TRIALS);
  });

  it('links the leptomeningeal card to clinical trials too', async () => {
    const [card] = await cardsFor(readExampleRequest('leptomeningeal-with-cns'));
    expect(ruleOf(card ?? {})).toBe('emd-leptomeningeal');
    expect(card?.links?.map((l) => l.url)).toContain(TRIALS);
  });

  it('does not link the paraskeletal card to trials (it is not EMD)', async () => {
    const [card] = await cardsFor(readExampleRequest('paraskeletal-only'));
    expect(ruleOf(card ?? {})).toBe('emd-paraskeletal');
    expect(card?.links).toBeUndefined();
  });

  it('lists liver and kidney on one soft-tissue card with both Conditions as evidence', async () => {
    const cards = await cardsFor(readExampleRequest('emd-liver-kidney-relapse'));
    expect(cards).toHaveLength(1);
    const detail = cards[0]?.detail ?? '';
    expect(detail).toMatch(/Liver/i);
    expect(detail).toMatch(/Kidney/i);
    expect(detail).toMatch(/Phase: relapse/);
    const evidence = cards[0]?.extension?.[CARD_EXTENSION.evidence] as string[];
    expect(evidence.filter((ref) => ref.startsWith('Condition/'))).toHaveLength(2);
  });

  it('lists a finding recorded twice once, citing both Conditions', async () => {
    const [card] = await cardsFor(readExampleRequest('duplicate-liver-findings'));
    expect((card?.detail ?? '').match(/^- /gm)).toHaveLength(1);
    const evidence = card?.extension?.[CARD_EXTENSION.evidence] as string[];
    expect(evidence.filter((ref) => ref.startsWith('Condition/'))).toHaveLength(2);
  });

  it('says when and why a card was lowered', async () => {
    const [card] = await cardsFor(readExampleRequest('unconfirmed-leptomeningeal'));
    expect(card?.indicator).toBe('warning');
    expect(card?.summary).toMatch(/unconfirmed/);
    expect(card?.detail).toMatch(/Shown one level lower than usual/);
    expect(card?.extension?.[CARD_EXTENSION.lowered]).toEqual(['finding-uncertain']);
  });

  it('offers the neuraxis MRI and CSF work-up on CNS cards, and never names a drug or regimen', async () => {
    const [card] = await cardsFor(readExampleRequest('cns-parenchymal'));
    expect(card?.detail).toMatch(/CSF cytology and flow cytometry/);
    expect(card?.detail).toMatch(/no regimen can be recommended/);
    expect(card?.detail).not.toMatch(
      /lenalidomide|bortezomib|daratumumab|carfilzomib|pomalidomide|CAR-T|dexamethasone/i,
    );
  });

  it('asks for the site of a text-only plasmacytoma and never warns on it', async () => {
    const cards = await cardsFor(readExampleRequest('text-only-plasmacytoma'));
    expect(cards.map((c) => [ruleOf(c), c.indicator])).toEqual([['emd-unclassified', 'info']]);
    expect(cards[0]?.detail).toMatch(/recorded as text only/);
  });
});
