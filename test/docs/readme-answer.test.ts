/**
 * The README quotes what its second command answers: the first card's summary and level for
 * the `leptomeningeal-with-cns` example. The quote is the product's wording, which changes
 * (docs/contributing.md §7): this holds the README to what the service says, so a newcomer
 * following it literally sees what it promises.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config/project-paths.js';
import { expectValidHookResponse, readExampleRequest, testApp } from '../support/app.js';

const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
/** The answer the README quotes: `{"cards":[{"uuid":"…","summary":"…","indicator":"…",…}]}`. */
const QUOTED = /`\{"cards":\[\{"uuid":"…","summary":"([^"]+)","indicator":"(\w+)",…\}\]\}`/;

describe("the README's example answer", () => {
  it('is what the service answers to the README command it follows', async () => {
    expect(readme).toContain(
      '--data @cds-hooks/examples/patient-view/leptomeningeal-with-cns.json',
    );
    const [, summary, indicator] = QUOTED.exec(readme) ?? [];
    expect(summary, 'the README quotes a summary').toBeDefined();
    const response = await request(testApp())
      .post('/cds-services/emd-patient-view')
      .send(readExampleRequest('leptomeningeal-with-cns'));
    expect(response.status).toBe(200);
    const [first] = expectValidHookResponse(response.body).cards;
    expect({ summary: first?.summary, indicator: first?.indicator }).toEqual({
      summary,
      indicator,
    });
  });
});
