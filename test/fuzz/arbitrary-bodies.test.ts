/**
 * Fuzz, property 1: arbitrary bodies — any JSON value, request-shaped objects with random
 * fields, and text that is not JSON sent as application/json — POSTed to every service id
 * GET /cds-services lists, and to unknown ids. Never a 5xx; every 4xx an OperationOutcome
 * with severity, code and diagnostics on each issue; no stack trace in any body.
 *
 * `npm test` runs FUZZ_RUNS cases a property (default 200); `npm run fuzz` runs 10,000.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config/project-paths.js';
import { numRuns, timeoutFor } from './arbitraries.js';
import { expectSoundAnswer, FuzzServer } from './harness.js';
import { HOOK_SERVICES } from './requests.js';
import { assertProperty } from './remembered-property.js';

const server = new FuzzServer();
let serviceIds: string[] = [];

beforeAll(async () => {
  await server.start();
  const discovery = (await server.getJson('/cds-services')) as { services: { id: string }[] };
  serviceIds = [...new Set(discovery.services.map((s) => s.id))];
});
afterAll(() => server.stop());

const json = fc.jsonValue({ maxDepth: 4 });

/** Objects with the request's field names and random values, to get past the first checks. */
const requestShapedArb = fc.record(
  {
    hook: fc.oneof(fc.constantFrom(...Object.keys(HOOK_SERVICES)), json),
    hookInstance: fc.oneof(fc.uuid(), json),
    fhirServer: fc.oneof(fc.webUrl(), fc.string(), json),
    fhirAuthorization: fc.oneof(
      fc.record({
        access_token: fc.string(),
        token_type: fc.constant('Bearer'),
        expires_in: fc.integer(),
        scope: fc.string(),
        subject: fc.string(),
      }),
      json,
    ),
    context: fc.oneof(
      fc.dictionary(
        fc.constantFrom('userId', 'patientId', 'imagingStudyId', 'selections', 'draftOrders'),
        json,
      ),
      json,
    ),
    prefetch: fc.oneof(fc.dictionary(fc.string(), json), json),
    extension: json,
  },
  { requiredKeys: [] },
);

/** JSON text of any value (fc.anything's undefined, NaN and -0 become what JSON makes of them). */
const jsonTextArb: fc.Arbitrary<string> = fc.oneof(
  fc.json({ maxDepth: 4 }),
  // Inside an array, JSON writes undefined (and functions) as null.
  fc.anything({ maxDepth: 3 }).map((value) => JSON.stringify([value]).slice(1, -1)),
  requestShapedArb.map((value) => JSON.stringify(value)),
);

const contentTypeArb = fc.oneof(
  { arbitrary: fc.constantFrom('application/json', 'application/fhir+json'), weight: 8 },
  fc.constantFrom(
    'application/json; charset=utf-8',
    'application/json; charset=latin1',
    'text/plain',
  ),
);

const isJson = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

const exampleTexts = readdirSync(join(PROJECT_ROOT, 'cds-hooks', 'examples', 'patient-view'))
  .slice(0, 5)
  .map((file) =>
    readFileSync(join(PROJECT_ROOT, 'cds-hooks', 'examples', 'patient-view', file), 'utf8'),
  );

/** Text that JSON.parse rejects: random strings, broken JSON, and real requests cut short. */
const notJsonArb = fc
  .oneof(
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc.constantFrom('{', '[', '{"hook":', 'NaN', 'undefined', "{'hook':1}", '{"a":1,}', '\uFEFF{}'),
    fc
      .tuple(fc.constantFrom(...exampleTexts), fc.nat())
      .map(([text, cut]) => text.slice(0, cut % text.length)),
  )
  .filter((text) => !isJson(text));

describe('a service call with an arbitrary body', () => {
  it(
    'never answers 5xx, and every 4xx is an OperationOutcome without a stack trace',
    async () => {
      await assertProperty(
        fc.asyncProperty(
          fc.constantFrom(...serviceIds),
          jsonTextArb,
          contentTypeArb,
          async (id, text, contentType) => {
            const answer = await server.post(`/cds-services/${id}`, text, contentType);
            expectSoundAnswer(answer, text);
          },
        ),
        { numRuns },
      );
    },
    timeoutFor(40),
  );

  it(
    'answers text that is not JSON with a 4xx OperationOutcome',
    async () => {
      await assertProperty(
        fc.asyncProperty(fc.constantFrom(...serviceIds), notJsonArb, async (id, text) => {
          const answer = await server.post(`/cds-services/${id}`, text);
          expectSoundAnswer(answer, text);
          expect(answer.status).toBeGreaterThanOrEqual(400);
        }),
        { numRuns },
      );
    },
    timeoutFor(40),
  );
});

/** An id as a client may put it in the path: reserved characters escaped, `%` left as typed. */
const rawIdArb = fc
  .array(
    fc.oneof(
      fc.constantFrom('%', '%2', '%ZZ', '%E0%A4%A', '%2F', 'emd', '-', '.', '~'),
      fc.string({ minLength: 1, maxLength: 3 }),
    ),
    { minLength: 1, maxLength: 6 },
  )
  .map((parts) => parts.join('').replace(/[^A-Za-z0-9\-._~%]/gu, (c) => encodeURIComponent(c)));

const escapedIdArb = fc.string({ minLength: 1, maxLength: 20 }).map(encodeURIComponent);

describe('a service call to an unknown id', () => {
  const isKnown = (path: string) => serviceIds.some((id) => path === id);

  it(
    'answers 404 with an OperationOutcome for any percent-encoded id',
    async () => {
      await assertProperty(
        fc.asyncProperty(escapedIdArb, jsonTextArb, async (id, text) => {
          fc.pre(!isKnown(id));
          const answer = await server.post(`/cds-services/${id}`, text);
          expectSoundAnswer(answer, text);
          expect(answer.status).toBeGreaterThanOrEqual(400);
        }),
        { numRuns },
      );
    },
    timeoutFor(40),
  );

  // Regression example: this property's first case, POST /cds-services/% (seed -976106470,
  // path "0:0:0", counterexample ["%"]), answered 500: express's router passes a URIError
  // for a path parameter that is not valid percent-encoding, and the error handler mapped
  // every error it did not know to 500 (fixed in src/http/error-handler.ts).
  it(
    'answers 4xx, not 5xx, when the id is not valid percent-encoding',
    async () => {
      await assertProperty(
        fc.asyncProperty(rawIdArb, async (id) => {
          fc.pre(!isKnown(id));
          const answer = await server.post(`/cds-services/${id}`, '{}');
          expectSoundAnswer(answer, id);
          expect(answer.status).toBeGreaterThanOrEqual(400);
        }),
        { numRuns, examples: [['%']] },
      );
    },
    timeoutFor(40),
  );
});
