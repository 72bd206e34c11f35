/**
 * CDS Hooks 2.0 §1.1 (../shared/spec/cds-hooks.md): "JSON elements SHALL NOT be null or empty
 * unless the spec says otherwise": no `null`, `""`, `[]` or `{}` anywhere in what the service
 * sends, the one sanctioned empty value being `{"cards": []}`. The response schema
 * (test/support/cds-hooks-schema.ts) checks the fields it names; this walks everything else
 * too: each `extension`'s values and the FHIR resources inside suggestions' actions (FHIR
 * JSON has the same rule: "empty values are not allowed"). Over HTTP, for discovery and for
 * every example request under cds-hooks/examples/ sent to the service of its hook.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config/project-paths.js';
import { cdsDiscovery } from '../support/cds-hooks-schema.js';
import { expectValidHookResponse, testApp } from '../support/app.js';

const EXAMPLES = join(PROJECT_ROOT, 'cds-hooks', 'examples');

/** The JSON paths below `value` that hold null, "", [] or {}. */
function emptyValuesIn(value: unknown, path = '$'): string[] {
  if (value === null || value === '') return [path];
  if (Array.isArray(value))
    return value.length === 0
      ? [path]
      : value.flatMap((item, i) => emptyValuesIn(item, `${path}[${String(i)}]`));
  if (typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return [path];
    return entries.flatMap(([key, item]) => emptyValuesIn(item, `${path}.${key}`));
  }
  return [];
}

const examples = readdirSync(EXAMPLES, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.json'))
  .sort();

describe('no null or empty value anywhere in an answer (CDS Hooks 2.0 §1.1)', () => {
  const app = testApp();
  let serviceOf: Map<string, string> | undefined;
  const serviceFor = async (hook: string) => {
    if (!serviceOf) {
      const { services } = cdsDiscovery.parse((await request(app).get('/cds-services')).body);
      serviceOf = new Map(services.map((s) => [s.hook, s.id]));
    }
    return serviceOf.get(hook);
  };

  it('finds each kind of empty value, however deep (the check itself)', () => {
    const sample = { a: null, b: '', c: [], d: {}, e: [{ f: { g: [1, ''] } }], h: 0, i: false };
    expect(emptyValuesIn(sample)).toEqual(['$.a', '$.b', '$.c', '$.d', '$.e[0].f.g[1]']);
  });

  it('holds for discovery', async () => {
    const response = await request(app).get('/cds-services');
    expect(response.status).toBe(200);
    expect(emptyValuesIn(response.body)).toEqual([]);
  });

  it('has example requests to play', () => {
    expect(examples.length).toBeGreaterThan(10);
  });

  it.each(examples)('holds for the answer to %s', async (file) => {
    const body = JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')) as { hook: string };
    const service = await serviceFor(body.hook);
    expect(service, `a service for ${body.hook}`).toBeDefined();
    const response = await request(app)
      .post(`/cds-services/${String(service)}`)
      .send(body);
    expect(response.status).toBe(200);
    expectValidHookResponse(response.body);
    // `cards: []` is the one empty value the spec allows.
    expect(emptyValuesIn(response.body).filter((path) => path !== '$.cards')).toEqual([]);
  });
});
