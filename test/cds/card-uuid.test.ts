/**
 * Card and suggestion uuids are UUIDv7 (src/cds/card-uuid.ts), so the audit's primary key
 * grows at its end. The layout is typed from RFC 9562 §5.7: 48 bits of Unix time in
 * milliseconds, the version 7, the variant bits 10, the rest random or a counter.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { newCardUuid } from '../../src/cds/card-uuid.js';
import { readExampleRequest, testApp } from '../support/app.js';

/** RFC 9562 §4: 8-4-4-4-12 hex digits; version 7 leads the third group, 8–b the fourth. */
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** unix_ts_ms: the first 48 bits, the first 12 hex digits. */
function millisecondsOf(uuid: string): number {
  return Number.parseInt(uuid.replace('-', '').slice(0, 12), 16);
}

describe('a card uuid', () => {
  it('is a version 7 uuid whose first 48 bits are the time it was made', () => {
    const before = Date.now();
    const uuid = newCardUuid();
    const after = Date.now();
    expect(uuid).toMatch(UUID_V7);
    expect(millisecondsOf(uuid)).toBeGreaterThanOrEqual(before);
    expect(millisecondsOf(uuid)).toBeLessThanOrEqual(after);
  });

  it('sorts in the order the uuids were made, within a millisecond and across them', () => {
    // Many in each of several milliseconds (the cap only stops a machine that stalls).
    const made: string[] = [];
    const milliseconds = new Set<number>();
    const cap = Date.now() + 5_000;
    while (milliseconds.size < 6 && Date.now() < cap) {
      const uuid = newCardUuid();
      made.push(uuid);
      milliseconds.add(millisecondsOf(uuid));
    }
    expect(milliseconds.size).toBe(6);
    expect(made.length).toBeGreaterThan(milliseconds.size);
    expect([...made].sort()).toEqual(made);
    expect(new Set(made).size).toBe(made.length);
  });

  it('is what the service gives each card and suggestion it answers', async () => {
    const before = Date.now();
    const response = await request(testApp())
      .post('/cds-services/emd-patient-view')
      .send(readExampleRequest('emd-and-cns'));
    const after = Date.now();
    expect(response.status).toBe(200);
    const cards = (response.body as { cards: { uuid: string; suggestions?: { uuid: string }[] }[] })
      .cards;
    const uuids = cards.flatMap((card) => [
      card.uuid,
      ...(card.suggestions ?? []).map((s) => s.uuid),
    ]);
    // emd-and-cns: the CNS card with two suggestions, and the EMD card.
    expect(uuids.length).toBeGreaterThanOrEqual(4);
    for (const uuid of uuids) {
      expect(uuid).toMatch(UUID_V7);
      expect(millisecondsOf(uuid)).toBeGreaterThanOrEqual(before);
      expect(millisecondsOf(uuid)).toBeLessThanOrEqual(after);
    }
  });
});
