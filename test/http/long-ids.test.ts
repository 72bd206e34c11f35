/**
 * Epic's FHIR ids can be longer than the 64 characters FHIR R4 §2.24.0.1 allows, on Patient
 * and Condition among others (FirelyTeam/firely-net-sdk#1919: "some of the FHIR IDs from
 * Epic are longer than 64 characters"). A patient whose record comes with such ids still
 * gets the cards the rules page gives the findings (§4: leptomeningeal → critical).
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { CARD_EXTENSION } from '../../src/cds/cards/build-card.js';
import { expectValidHookResponse, readExampleRequest, testApp } from '../support/app.js';

/** An Epic-style id of 88 characters, the example's own ids as its suffixes. */
const EPIC_STYLE_ID =
  'eOAb8kqpD8ZAsDRZj-ts1bG8mL6OtxnOXSsuF5cnSSvTsXsqojmtzLXS0JKDTI.yWQTTYH3E2V2hmE8QuuGq8AA3';

/** The leptomeningeal example with every id it holds (patient's and resources') made long. */
function withLongIds(name: string): Record<string, unknown> {
  const text = JSON.stringify(readExampleRequest(name)).replaceAll(name, EPIC_STYLE_ID);
  return JSON.parse(text) as Record<string, unknown>;
}

describe('ids longer than 64 characters, as Epic sends them', () => {
  it('gives the critical leptomeningeal card from prefetch whose ids are long', async () => {
    const body = withLongIds('leptomeningeal-with-cns');
    expect(JSON.stringify(body)).toContain(`Condition/${EPIC_STYLE_ID}-pc1`);
    const response = await request(testApp()).post('/cds-services/emd-patient-view').send(body);
    expect(response.status).toBe(200);
    const cards = expectValidHookResponse(response.body).cards;
    const leptomeningeal = cards.find(
      (card) => card.extension?.[CARD_EXTENSION.ruleId] === 'emd-leptomeningeal',
    );
    expect(leptomeningeal?.indicator).toBe('critical');
  });
});
