/**
 * The fast check of valid FHIR data (src/fhir/resource-fast-check.ts, issue #15) side by
 * side with the zod schemas it stands in for: it must never accept what the schemas refuse
 * (the 400s and "not a valid FHIR resource" reasons would change), and it must accept the
 * valid resources the service is sent (or it saves nothing).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isCertainlyValidBundle,
  isCertainlyValidResource,
} from '../../src/fhir/resource-fast-check.js';
import { bundleSchema, schemaCheckResource } from '../../src/fhir/resource-schemas.js';
import { MAX_CODE_LENGTH, MAX_ID_LENGTH } from '../../src/fhir/value-limits.js';
import { numRuns } from '../fuzz/arbitraries.js';
import { pathsOf, type JsonPath } from '../fuzz/mutations.js';
import { allResources, searchBundle, worldArb } from '../fuzz/requests.js';

const VALID_WORLD = worldArb({ codes: 'any', dates: 'calendar', uncheckedJunk: true });
const ANY_WORLD = worldArb({ codes: 'any', dates: 'any', uncheckedJunk: true });

/** A hostile value for a field: wrong types, over-long strings, near-misses of the patterns. */
const oddValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(
    null,
    [],
    {},
    [null],
    'x'.repeat(MAX_ID_LENGTH + 1),
    'c'.repeat(MAX_CODE_LENGTH + 1),
    '2024-13-01',
    '2024-02-30T25:00',
    'condition',
    'Patient/../x',
    [undefined],
  ),
);

/** Deletes or replaces the node at `path` (on a copy). */
function mutate(root: unknown, path: JsonPath, value: unknown, remove: boolean): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path.at(-1) ?? '';
  // As own data properties: a generated "__proto__" key must not change a prototype.
  if (remove && Array.isArray(node) && typeof last === 'number') node.splice(last, 1);
  else if (remove) Reflect.deleteProperty(node, last);
  else
    Object.defineProperty(node, last, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return copy;
}

const mutationArb = fc.record({
  pick: fc.nat(),
  value: oddValue,
  remove: fc.boolean(),
});

describe('fast check of FHIR data (issue #15)', () => {
  it('accepts exactly what the schemas accept among generated resources, and their Bundles', () => {
    fc.assert(
      fc.property(VALID_WORLD, (world) => {
        const resources = allResources(world).map((r) => r.resource);
        for (const resource of resources)
          expect(isCertainlyValidResource(resource)).toBe(schemaCheckResource(resource).success);
        const bundle = searchBundle(allResources(world));
        expect(isCertainlyValidBundle(bundle)).toBe(bundleSchema.safeParse(bundle).success);
        expect(isCertainlyValidBundle(bundle)).toBe(true);
      }),
      { numRuns },
    );
  });

  it('never accepts a mutated resource or Bundle the schemas refuse', () => {
    let refused = 0;
    fc.assert(
      fc.property(
        ANY_WORLD,
        fc.array(mutationArb, { minLength: 1, maxLength: 3 }),
        (world, mutations) => {
          let bundle: unknown = searchBundle(allResources(world));
          for (const { pick, value, remove } of mutations) {
            const paths = pathsOf(bundle);
            if (paths.length === 0) break;
            bundle = mutate(bundle, paths[pick % paths.length] ?? [], value, remove);
          }
          if (isCertainlyValidBundle(bundle))
            expect(bundleSchema.safeParse(bundle).success).toBe(true);
          const entries = (bundle as { entry?: unknown }).entry;
          for (const entry of Array.isArray(entries) ? entries : []) {
            const resource = (entry as { resource?: unknown } | null)?.resource;
            if (isCertainlyValidResource(resource))
              expect(schemaCheckResource(resource).success).toBe(true);
            else if (!schemaCheckResource(resource).success) refused += 1;
          }
        },
      ),
      { numRuns: numRuns * 5 },
    );
    // The mutations did reach the checked fields: some resources were refused.
    expect(refused).toBeGreaterThan(0);
    // Five times the property runs: over 5 s on a loaded machine (and under npm run fuzz).
  }, 60_000);

  it('refuses, like the schemas, a malformed subject and a report without a code', () => {
    const condition = { resourceType: 'Condition', id: 'c1', code: { text: 'plasmacytoma' } };
    const study = { resourceType: 'ImagingStudy', id: 's1', status: 'available' };
    const report = { resourceType: 'DiagnosticReport', id: 'r1', status: 'final' };
    // H37: a subject that is there must be a Reference; H92: one that is not is no error.
    for (const resource of [
      { ...condition, subject: 'Patient/p1' },
      { ...condition, subject: { reference: 42 } },
      { ...study, subject: ['Patient/p1'] },
      report,
    ]) {
      expect(isCertainlyValidResource(resource)).toBe(false);
      expect(schemaCheckResource(resource).success).toBe(false);
    }
  });

  it('accepts, like the schemas, a Condition or a study with no subject (H92)', () => {
    // Rules page §2 drops it as naming no patient (H09): the record, not the schema, does.
    for (const resource of [
      { resourceType: 'Condition', id: 'c1', code: { text: 'plasmacytoma' } },
      { resourceType: 'Condition', id: 'c2', patient: { reference: 'Patient/p1' } },
      { resourceType: 'ImagingStudy', id: 's1', status: 'available' },
    ]) {
      expect(isCertainlyValidResource(resource)).toBe(true);
      expect(schemaCheckResource(resource).success).toBe(true);
    }
  });
});
