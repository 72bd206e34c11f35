/**
 * The fast check of the hook request's envelope (src/cds/request-fast-check.ts, issue #15) side
 * by side with the schema it stands in for (src/cds/request-schema.ts): it must never accept
 * what the schema refuses (the 400s would change), nor a request the schema would give back
 * changed, and it must accept the requests EHRs send (or it saves nothing).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCertainlyValidHookRequest } from '../../src/cds/request-fast-check.js';
import { hookRequestSchema } from '../../src/cds/request-schema.js';
import { SPEC_EXAMPLE_REQUEST as SPEC_EXAMPLE } from '../support/spec-example-request.js';

const asParsedJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown;

describe('the fast check of a hook request', () => {
  it('accepts the specification’s example and every example request this project ships', () => {
    expect(isCertainlyValidHookRequest(SPEC_EXAMPLE)).toBe(true);
    const root = join(process.cwd(), 'cds-hooks', 'examples');
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((file) =>
      file.endsWith('.json'),
    );
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const request: unknown = JSON.parse(readFileSync(join(root, file), 'utf8'));
      expect(isCertainlyValidHookRequest(request), file).toBe(true);
    }
  });

  it('leaves to the schema what it must refuse or rewrite (typed from the schema’s rules)', () => {
    const without = (key: string) => {
      const copy: Record<string, unknown> = structuredClone(SPEC_EXAMPLE);
      Reflect.deleteProperty(copy, key);
      return copy;
    };
    const withField = (key: string, value: unknown) => ({ ...SPEC_EXAMPLE, [key]: value });
    const authorizationWith = (key: string, value: unknown) =>
      withField('fhirAuthorization', { ...SPEC_EXAMPLE.fhirAuthorization, [key]: value });
    for (const [why, request] of [
      ['no hook', without('hook')],
      ['an empty hook', withField('hook', '')],
      ['a hookInstance that is no UUID', withField('hookInstance', 'instance-1')],
      ['no context', without('context')],
      ['a context that is a list', withField('context', [])],
      ['prefetch null', withField('prefetch', null)],
      ['an ftp fhirServer', withField('fhirServer', 'ftp://ehr.example.org/fhir')],
      ['a fhirServer with a space the schema trims', withField('fhirServer', ' https://a.example')],
      ['a fhirServer with a line break', withField('fhirServer', 'https://a.example/\nfhir')],
      ['a fhirServer without //', withField('fhirServer', 'https:ehr.example.org')],
      ['token_type MAC', authorizationWith('token_type', 'MAC')],
      ['expires_in 1.5', authorizationWith('expires_in', 1.5)],
      ['expires_in -1', authorizationWith('expires_in', -1)],
      ['an empty scope', authorizationWith('scope', '')],
      ['a patient that is no id', authorizationWith('patient', 'a/b')],
      ['a patient id with "&"', authorizationWith('patient', 'a&b')],
    ] as const)
      expect(isCertainlyValidHookRequest(request), why).toBe(false);
  });

  it('never accepts what the schema refuses, nor what it would give back changed', () => {
    const field = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.constantFrom(
        undefined,
        null,
        '',
        ' https://x.example',
        'https://x.example',
        'http://127.0.0.1:8080/fhir',
        'https://exa\tmple.org',
        'HTTPS://EHR.EXAMPLE/fhir',
        'https://',
        'd1577c69-dfbe-44ad-ba6d-3e05e953b2ea',
        'patient-view',
        'x'.repeat(4097),
      ),
    );
    /** Mostly a value the schema accepts, now and then any value at all. */
    const mostly = <T>(valid: fc.Arbitrary<T>) =>
      fc.oneof({ weight: 9, arbitrary: valid }, { weight: 1, arbitrary: field });
    // `__proto__` too: JSON.parse makes it an own key, which the schema leaves out.
    const key = fc.oneof({ weight: 50, arbitrary: fc.string() }, fc.constant('__proto__'));
    const jsonObject = fc.dictionary(key, fc.jsonValue({ maxDepth: 1 }), {
      noNullPrototype: true,
    });
    const authorization = fc.record(
      {
        access_token: mostly(fc.string({ minLength: 1 })),
        token_type: mostly(fc.constantFrom('Bearer', 'bearer', 'BEARER')),
        expires_in: mostly(fc.oneof(fc.nat(), fc.integer({ min: -2, max: 2 }), fc.double())),
        scope: mostly(fc.string({ minLength: 1 })),
        subject: mostly(fc.string({ minLength: 1 })),
        patient: mostly(
          fc.constantFrom('p1', 'a.b-c', 'ZY_1', 'a~b', 'a/b', 'a&b', 'x'.repeat(257)),
        ),
      },
      {
        requiredKeys: ['access_token', 'token_type', 'expires_in', 'scope', 'subject'],
        noNullPrototype: true,
      },
    );
    const request = fc.record(
      {
        hook: mostly(fc.constantFrom('patient-view', 'order-select', 'x'.repeat(257))),
        hookInstance: mostly(fc.uuid()),
        fhirServer: mostly(
          fc.oneof(
            fc.webUrl({ validSchemes: ['http', 'https'] }),
            fc.webUrl({ validSchemes: ['ftp', 'https'] }).map((url) => ` ${url}`),
          ),
        ),
        fhirAuthorization: mostly(authorization),
        context: mostly(jsonObject),
        prefetch: mostly(jsonObject),
        extension: mostly(jsonObject),
      },
      { requiredKeys: ['hook', 'hookInstance', 'context'], noNullPrototype: true },
    );
    let accepted = 0;
    fc.assert(
      // As a body arrives: through JSON.parse (plain objects, no undefined).
      fc.property(request.map(asParsedJson), (value) => {
        if (!isCertainlyValidHookRequest(value)) return;
        accepted += 1;
        const parsed = hookRequestSchema.safeParse(value);
        expect(parsed.success).toBe(true);
        expect(parsed.data).toStrictEqual(value);
      }),
      { numRuns: 3000 },
    );
    // The property would hold vacuously if little were accepted (about one in fifteen is).
    expect(accepted).toBeGreaterThan(100);
  });
});
