/**
 * The decision table (test/clinical/decision-table.yaml): the rules page's oracle, written by
 * hand from ../shared/spec/emd-rules.md and issue #13, never computed by src/. Every row is
 * played over HTTP twice — with prefetch, and with no prefetch through the local FHIR server
 * — and the set of (rule id, indicator) must equal the row's exactly.
 */
import { describe, expect, inject, it } from 'vitest';
import { SCENARIO_NOW } from '../support/app.js';
import { rowPlayer, type PlayPath, type SeenCard } from './play-row.js';
import { rowIds } from './row-codes.js';
import { loadDecisionTable, type Row } from './table-rows.js';

const fhirServer = inject('fhirServerUrl');
const table = loadDecisionTable();
const playRow = rowPlayer(fhirServer);

const sorted = (pairs: string[]) => [...pairs].sort();
const expectedPairs = (row: Row) =>
  row.cards === 'none' ? [] : Object.entries(row.cards).map(([rule, level]) => `${rule} ${level}`);

function checkDetails(row: Row, cards: SeenCard[]) {
  const card = (rule: string) => cards.find((c) => c.ruleId === rule);
  const { reference } = rowIds(row);
  // Rules page §4: the extension carries "the references of the resources that made it fire",
  // so a row's evidence is the whole set: a history, refuted or entered-in-error Condition
  // added to it would be a reason the card does not have.
  for (const [rule, locals] of Object.entries(row.evidence ?? {}))
    expect([...(card(rule)?.evidence ?? [])].sort(), `${rule} evidence`).toEqual(
      locals.map((l) => (l.includes('/') ? l : reference(l))).sort(),
    );
  for (const [rule, locals] of Object.entries(row.evidenceLacks ?? {}))
    for (const local of locals)
      expect(card(rule)?.evidence, `${rule} evidence lacks ${local}`).not.toContain(
        local.includes('/') ? local : reference(local),
      );
  for (const [rule, offers] of Object.entries(row.suggestsImaging ?? {}))
    expect(card(rule)?.suggestsImaging, `${rule} offers an imaging order`).toBe(offers);
  for (const [rule, conditions] of Object.entries(row.proposesConditions ?? {}))
    expect(card(rule)?.conditionsCite, `${rule} proposes Conditions citing`).toEqual(
      conditions.map((cites) => cites.map((l) => (l.includes('/') ? l : reference(l)))),
    );
  for (const [rule, offers] of Object.entries(row.offersSuggestions ?? {}))
    expect((card(rule)?.suggestionCount ?? 0) > 0, `${rule} offers a suggestion`).toBe(offers);
  for (const [rule, reasons] of Object.entries(row.lowered ?? {}))
    expect(card(rule)?.lowered, `${rule} says why it was lowered`).toEqual(
      expect.arrayContaining(reasons),
    );
  // Rules page §4: every card's extension names what made it fire.
  for (const c of cards) expect(c.evidence.length, `${c.ruleId} evidence`).toBeGreaterThan(0);
  for (const [rule, words] of Object.entries(row.detailMentions ?? {}))
    for (const word of words) expect(card(rule)?.detail, `${rule} detail`).toContain(word);
  for (const [rule, words] of Object.entries(row.detailOnce ?? {}))
    for (const word of words)
      expect(card(rule)?.detail.split(word).length, `${rule} detail has "${word}" once`).toBe(2);
  for (const [rule, words] of Object.entries(row.detailOmits ?? {}))
    for (const word of words) expect(card(rule)?.detail, `${rule} detail`).not.toContain(word);
  if (row.phase) for (const c of cards) expect(c.phase, `${c.ruleId} phase`).toBe(row.phase);
}

describe('the decision table itself', () => {
  it('has at least 60 rows with unique ids', () => {
    expect(table.rows.length).toBeGreaterThanOrEqual(60);
    expect(new Set(table.rows.map((r) => r.id)).size).toBe(table.rows.length);
  });

  it('covers every hook, every rule at its rules-page level, and rows with no cards', () => {
    const pairs = new Set(table.rows.flatMap(expectedPairs));
    for (const pair of [
      'emd-leptomeningeal critical',
      'emd-cns critical',
      'emd-soft-tissue warning',
      'emd-paraskeletal info',
      'emd-unclassified info',
      'emd-imaging-review info',
      'emd-cns-imaging-review warning',
      'emd-reported-not-listed info',
      'emd-imaging-order info',
    ])
      expect(pairs).toContain(pair);
    expect(new Set(table.rows.map((r) => r.hook)).size).toBe(4);
    expect(table.rows.filter((r) => r.cards === 'none').length).toBeGreaterThanOrEqual(15);
  });
});

const plays = table.rows.flatMap((row) =>
  (row.paths ?? (['prefetch', 'fhir-server'] as PlayPath[])).map((path) => ({ row, path })),
);

for (const { row, path } of plays) {
  const now = new Date(row.example ? SCENARIO_NOW : (row.now ?? table.now));
  const cardsText = expectedPairs(row).join(', ') || 'no cards';
  describe(`${row.section} — ${row.id} [${path}]`, () => {
    it(`${row.sketch} → ${cardsText}`, async () => {
      const cards = await playRow(row, path, now);
      expect(sorted(cards.map((c) => `${c.ruleId} ${c.indicator}`))).toEqual(
        sorted(expectedPairs(row)),
      );
      checkDetails(row, cards);
    });
  });
}
