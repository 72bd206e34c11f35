/**
 * The example requests under cds-hooks/examples/ are generated from the example patients,
 * not hand-copied; every one is a valid request by the CDS Hooks text, which its service
 * answers with the cards the rules page requires (./examples-expected.ts, typed from the rules
 * page and the examples' README, not from src/).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildExampleRequests, type ExampleFile } from '../scripts/example-requests.js';
import { PATHS, PROJECT_ROOT } from '../src/config/project-paths.js';
import { expectedCards } from './examples-expected.js';
import { defaultSettings, expectValidHookResponse, testApp } from './support/app.js';
import { cdsHookRequest } from './support/cds-hooks-request-schema.js';

const examplesDir = join(PROJECT_ROOT, 'cds-hooks', 'examples');
const generated: ExampleFile[] = readdirSync(PATHS.examples)
  .filter((n) => n.endsWith('.json'))
  .flatMap((name) =>
    buildExampleRequests(
      JSON.parse(readFileSync(join(PATHS.examples, name), 'utf8')) as fhir4.Bundle,
    ),
  );

describe('cds-hooks/examples', () => {
  it('holds exactly the generated requests (run `npm run examples` after editing a bundle)', () => {
    const written = readdirSync(examplesDir, { recursive: true, encoding: 'utf8' }).filter((p) =>
      p.endsWith('.json'),
    );
    expect(written.sort()).toEqual(generated.map((f) => f.path).sort());
  });

  it('has examples for every hook the services answer', () => {
    const hooks = new Set(generated.map((f) => f.request.hook));
    for (const service of defaultSettings.services) expect(hooks).toContain(service.hook);
  });

  it.each(generated.map((f) => [f.path, f] as const))(
    '%s is up to date and valid',
    (path, file) => {
      const written = JSON.parse(readFileSync(join(examplesDir, path), 'utf8')) as unknown;
      expect(written).toEqual(JSON.parse(JSON.stringify(file.request)));
      // Valid by the CDS Hooks text (test/support/cds-hooks-request-schema.ts), not by the
      // schema the service parses requests with: the two must not be wrong together.
      const parsed = cdsHookRequest.safeParse(written);
      expect(parsed.error?.issues ?? [], path).toEqual([]);
    },
  );
});

describe('every example request is answered by its service', () => {
  const serviceFor = (hook: string) =>
    defaultSettings.services.find((s) => s.hook === hook)?.id ?? 'none';
  it.each(generated.map((f) => [f.path, f] as const))(
    '%s → 200 with the cards the rules page requires',
    async (path, file) => {
      const expected = expectedCards(path);
      expect(expected, `no row for ${path} in test/examples-expected.ts`).toBeDefined();
      const response = await request(testApp())
        .post(`/cds-services/${serviceFor(file.request.hook)}`)
        .send(file.request);
      expect(response.status).toBe(200);
      const cards = expectValidHookResponse(response.body).cards.map(
        (card) => `${String(card.extension?.['org.emd-cds.rule-id'])} ${card.indicator}`,
      );
      expect(cards.sort()).toEqual([...(expected ?? [])].sort());
    },
  );
});
