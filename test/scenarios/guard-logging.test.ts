/**
 * Issue #13: when the output guard of evaluate() holds a card at info (rules page §6), a rule
 * has a gap. The service logs it at warn level, naming the rule and the guard, and nothing of
 * the patient; the card itself comes back at info and says why.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { CARD_EXTENSION } from '../../src/cds/cards/build-card.js';
import { capturingLogger } from '../support/logs.js';
import {
  defaultSettings,
  expectValidHookResponse,
  readExampleRequest,
  testApp,
} from '../support/app.js';

describe('the output guard, over HTTP', () => {
  it('holds a card a site raised to warning with no Condition behind it, and logs the rule without patient data', async () => {
    const { logger, lines } = capturingLogger('info');
    const settings = {
      ...defaultSettings,
      rules: { ...defaultSettings.rules, indicators: { 'emd-imaging-review': 'warning' as const } },
    };
    const body = readExampleRequest('paraskeletal-only-pet1', 'imagingstudy-review');
    const response = await request(testApp({ settings: () => settings, logger }))
      .post('/cds-services/emd-imaging-review')
      .send(body);
    expect(response.status).toBe(200);
    const card = expectValidHookResponse(response.body).cards.find(
      (c) => c.extension?.[CARD_EXTENSION.ruleId] === 'emd-imaging-review',
    );
    expect(card?.indicator).toBe('info');
    expect(card?.extension?.[CARD_EXTENSION.lowered]).toEqual(['output-guard']);
    expect(card?.detail).toContain(
      '**Shown as information only:** no active, coded record with a readable status supports a warning.',
    );
    const warnings = lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.level === 40);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({
      ruleId: 'emd-imaging-review',
      guard: 'output',
      msg: 'a §6 guard held a card at info: a rule has a gap',
    });
    expect(JSON.stringify(warnings[0])).not.toMatch(/paraskeletal-only|Condition\/|Patient\//);
  });

  it('logs nothing at warn level when no guard acts', async () => {
    const { logger, lines } = capturingLogger('info');
    const body = readExampleRequest('emd-skin-at-diagnosis-pet1', 'imagingstudy-review');
    await request(testApp({ logger })).post('/cds-services/emd-imaging-review').send(body);
    expect(lines.filter((l) => (JSON.parse(l) as { level: number }).level >= 40)).toEqual([]);
  });
});
