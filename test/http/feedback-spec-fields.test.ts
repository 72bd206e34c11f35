/**
 * Feedback fields whose place the CDS Hooks 2.0 text decides (§Feedback), and what the service
 * does with each (docs/integrating.md §4). The spec's words:
 *
 * - Conventions: "the key word 'CONDITIONAL' indicates that a particular item is either
 *   REQUIRED or OPTIONAL, based upon another item."
 * - `acceptedSuggestions`: "CONDITIONAL ... Required for `accepted` outcomes." So on an
 *   `overridden` outcome it is OPTIONAL, not forbidden: taken (200). Its ids are still "the
 *   `card.suggestion.uuid` from the CDS Hooks response" (checked in feedback.test.ts).
 * - `overrideReason`: "OPTIONAL ... A json object capturing the override reason", whatever the
 *   outcome: taken (200) on `accepted`, kept as sent, and counted for nothing, since nothing
 *   was overridden.
 * - `outcomeTimestamp`: "ISO8601 representation of the date and time in Coordinated Universal
 *   Time (UTC) when action was taken on the card, as profiled in section 5.6 of RFC3339.
 *   e.g. 1985-04-12T23:20:50.52Z". The spec asks the client for UTC; an EHR that writes the
 *   same instant with its local offset (RFC 3339 §4.3) is still understood, and its feedback
 *   is kept as that instant rather than refused and lost.
 *
 * The CDS Hooks Sandbox's own feedback (cds-hooks.md §3.1: `new Date().toISOString()`, a
 * dismissal's reason without `display`) still gets 200.
 */
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { CARD_EXTENSION } from '../../src/cds/cards/build-card.js';
import { pseudonymiser } from '../../src/cds/pseudonyms.js';
import { openStore } from '../../src/store/open-store.js';
import type { CdsCard as Card } from '../support/cds-hooks-schema.js';
import { expectValidHookResponse, readExampleRequest, testApp } from '../support/app.js';

const ADMIN = 'admin-token-for-tests-0123456789';
const FEEDBACK = '/cds-services/emd-patient-view/feedback';
const REASONS = 'https://fhir.emd-cds.org/CodeSystem/override-reason';
/** The answer to a request whose items were all stored, none marked. */
const storedPlain = (stored: number) => ({
  ...{ stored, duplicates: 0, unknownCards: 0 },
  ...{ otherClient: 0, unofferedReasons: 0 },
});

/** An app with its own store (test clock 2026-11-01T00:00:00Z), and emd-and-cns's cards. */
async function servedCards() {
  const store = openStore({ sqliteFile: ':memory:' });
  await store.migrate();
  const app = testApp({
    audit: { store, pseudonymise: pseudonymiser(randomBytes(32)) },
    adminToken: ADMIN,
  });
  const served = await request(app)
    .post('/cds-services/emd-patient-view')
    .send(readExampleRequest('emd-and-cns'));
  expect(served.status).toBe(200);
  const cards = expectValidHookResponse(served.body).cards;
  const byRule = (rule: string): Card => {
    const card = cards.find((c) => c.extension?.[CARD_EXTENSION.ruleId] === rule);
    if (card === undefined) throw new Error(`no ${rule} card`);
    return card;
  };
  // Scenario table: emd-and-cns gets emd-cns (with suggestions) and emd-soft-tissue.
  return { app, store, cns: byRule('emd-cns'), softTissue: byRule('emd-soft-tissue') };
}

type App = Awaited<ReturnType<typeof servedCards>>['app'];

const send = (app: App, ...items: object[]) =>
  request(app).post(FEEDBACK).send({ feedback: items });

async function rowOf(app: App, ruleId: string) {
  const body = (
    await request(app)
      .get('/admin/stats?from=2026-10-01&to=2026-12-01')
      .set('Authorization', `Bearer ${ADMIN}`)
  ).body as { rules: { ruleId: string }[] };
  return body.rules.find((row) => row.ruleId === ruleId);
}

describe('acceptedSuggestions on an overridden outcome (OPTIONAL there)', () => {
  it('is taken, and the card counts as overridden', async () => {
    const { app, store, cns } = await servedCards();
    const response = await send(app, {
      card: cns.uuid,
      outcome: 'overridden',
      acceptedSuggestions: [{ id: cns.suggestions?.[0]?.uuid }],
      outcomeTimestamp: '2026-10-31T23:00:00Z',
    });
    expect([response.status, response.body]).toEqual([200, storedPlain(1)]);
    expect(await rowOf(app, 'emd-cns')).toMatchObject({ accepted: 0, overridden: 1 });
    await store.close();
  });

  // Its ids must still be the card's suggestions: on a card that offered none, the answer says
  // to leave the field out (an override needs no suggestion), not that the card "can only be
  // overridden", which is what the client did.
  it('naming a suggestion of a card that has none: 400 saying to leave it out', async () => {
    const { app, store, cns, softTissue } = await servedCards();
    const response = await send(app, {
      card: softTissue.uuid,
      outcome: 'overridden',
      acceptedSuggestions: [{ id: cns.suggestions?.[0]?.uuid }],
      outcomeTimestamp: '2026-10-31T23:00:00Z',
    });
    expect(response.status).toBe(400);
    expect((response.body as { issue: { diagnostics: string }[] }).issue).toMatchObject([
      {
        diagnostics:
          'feedback[0].acceptedSuggestions[0].id: the card has no suggestions, so none can be named: leave acceptedSuggestions out',
      },
    ]);
    await store.close();
  });
});

describe('overrideReason on an accepted outcome (OPTIONAL)', () => {
  it('is taken, kept as sent, and counts for nothing: not as an unoffered reason', async () => {
    const { app, store, cns } = await servedCards();
    const accepted = {
      card: cns.uuid,
      outcome: 'accepted',
      acceptedSuggestions: [{ id: cns.suggestions?.[0]?.uuid }],
      outcomeTimestamp: '2026-10-31T23:00:00Z',
    };
    const response = await send(app, {
      ...accepted,
      overrideReason: {
        reason: { system: 'https://ehr.example/reasons', code: 'too-busy' },
        userComment: 'pressed by mistake',
      },
    });
    expect([response.status, response.body]).toEqual([200, storedPlain(1)]);
    // A reason the card offered, on a later acceptance: the same.
    const offered = { reason: { system: REASONS, code: 'already-aware' } };
    const again = await send(app, {
      ...accepted,
      overrideReason: offered,
      outcomeTimestamp: '2026-10-31T23:01:00Z',
    });
    expect([again.status, again.body]).toEqual([200, storedPlain(1)]);
    expect(await rowOf(app, 'emd-cns')).toMatchObject({
      ...{ served: 1, accepted: 1, overridden: 0, unanswered: 0 },
      overrideReasons: [],
    });
    await store.close();
  });
});

describe('outcomeTimestamp, in UTC or with an offset', () => {
  it.each(['2026-10-31T23:00:00Z', '2026-10-31t23:00:00z', '2026-10-31T23:00:00+00:00'])(
    'takes %s',
    async (outcomeTimestamp) => {
      const { app, store, softTissue } = await servedCards();
      const response = await send(app, {
        card: softTissue.uuid,
        outcome: 'overridden',
        outcomeTimestamp,
      });
      expect([response.status, response.body]).toEqual([200, storedPlain(1)]);
      await store.close();
    },
  );

  // Written with another offset, the moment is still one instant, and RFC 3339 §4.3 says how to
  // read it in UTC. Refusing it would lose a clinician's override (and the suppression it
  // starts) over how the EHR spelled the time: taken, as the same instant.
  it.each(['2026-11-01T01:00:00+02:00', '2026-10-31T17:30:00-05:30'])(
    'takes %s, the same instant written in local time, as that instant',
    async (outcomeTimestamp) => {
      const { app, store, softTissue } = await servedCards();
      const item = { card: softTissue.uuid, outcome: 'overridden' };
      expect((await send(app, { ...item, outcomeTimestamp })).body).toEqual(storedPlain(1));
      // The same moment written with Z is a repeat of it (docs/integrating.md §4).
      expect((await send(app, { ...item, outcomeTimestamp: '2026-10-31T23:00:00Z' })).body).toEqual(
        { ...storedPlain(0), duplicates: 1 },
      );
      await store.close();
    },
  );
});

describe("the CDS Hooks Sandbox's own feedback", () => {
  it('gets 200 for an accepted suggestion and for dismissals with and without a reason', async () => {
    const { app, store, cns, softTissue } = await servedCards();
    const accept = await send(app, {
      card: cns.uuid,
      outcome: 'accepted',
      acceptedSuggestions: [{ id: cns.suggestions?.[0]?.uuid }],
      outcomeTimestamp: '2026-10-31T23:59:58.123Z',
    });
    expect([accept.status, accept.body]).toEqual([200, storedPlain(1)]);
    const dismiss = await send(app, {
      card: softTissue.uuid,
      outcome: 'overridden',
      outcomeTimestamp: '2026-10-31T23:59:59.456Z',
    });
    expect([dismiss.status, dismiss.body]).toEqual([200, storedPlain(1)]);
    const withReason = await send(app, {
      card: softTissue.uuid,
      outcome: 'overridden',
      outcomeTimestamp: '2026-10-31T23:59:59.789Z',
      overrideReason: { reason: { code: 'already-aware', system: REASONS } },
    });
    expect([withReason.status, withReason.body]).toEqual([200, storedPlain(1)]);
    await store.close();
  });
});
