/**
 * Mutations of valid CDS Hooks requests: delete a node, or replace it with a random or
 * hostile JSON value, anywhere in the request or at the fields the service reads (context,
 * prefetch keys, Bundle entries, Condition code / bodySite / onset / status / subject /
 * evidence, draftOrders, …); or set a prefetch key to null, an OperationOutcome, a resource
 * of the wrong type, a huge string or a deeply nested array.
 *
 * A mutation is data (a kind, which path, the new value), applied to the request by index
 * among the paths it then has, so fast-check can shrink it and print it.
 *
 * `npm run fuzz` runs 10,000 cases a property; `npm test` runs FUZZ_RUNS (default 200).
 */
import fc from 'fast-check';
import { OPERATION_OUTCOME } from './requests.js';

export type JsonPath = readonly (string | number)[];

/** Which nodes a mutation picks from: any node, or only the fields the service reads. */
type Focus = 'any' | 'read';

export type Mutation =
  | { kind: 'delete'; focus: Focus; pick: number }
  | { kind: 'replace'; focus: Focus; pick: number; value: unknown }
  | { kind: 'prefetch'; key: string; value: unknown };

/** Request, context, prefetch and FHIR fields the service or its rules read. */
const READ_FIELDS = new Set([
  ...['hook', 'hookInstance', 'fhirServer', 'fhirAuthorization', 'context', 'prefetch'],
  ...['userId', 'patientId', 'imagingStudyId', 'diagnosticReportId', 'selections', 'draftOrders'],
  ...['resourceType', 'id', 'type', 'entry', 'resource', 'fullUrl', 'link', 'search', 'mode'],
  ...['subject', 'reference', 'code', 'coding', 'system', 'text', 'display', 'bodySite'],
  ...['clinicalStatus', 'verificationStatus', 'evidence', 'detail', 'recordedDate'],
  ...['onsetDateTime', 'onsetPeriod', 'abatementDateTime', 'start', 'end'],
  ...['status', 'started', 'modality', 'series', 'procedureCode', 'description'],
  ...['effectiveDateTime', 'effectivePeriod', 'issued', 'imagingStudy', 'conclusionCode'],
]);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** How deep mutations reach: the example requests are about 10 levels deep. */
const MAX_DEPTH = 12;

/** Every node below the root down to MAX_DEPTH, breadth first (no recursion: values can be deep). */
export function pathsOf(root: unknown): JsonPath[] {
  const paths: JsonPath[] = [];
  const queue: [JsonPath, unknown][] = [[[], root]];
  for (let i = 0; i < queue.length; i++) {
    const [prefix, value] = queue[i] ?? [[], undefined];
    if (prefix.length >= MAX_DEPTH) continue;
    const children: [string | number, unknown][] = Array.isArray(value)
      ? value.map((item, i) => [i, item])
      : isRecord(value)
        ? Object.entries(value)
        : [];
    for (const [key, child] of children) {
      const path = [...prefix, key];
      paths.push(path);
      queue.push([path, child]);
    }
  }
  return paths;
}

function isRead(path: JsonPath): boolean {
  const last = path.at(-1);
  if (typeof last === 'string') return READ_FIELDS.has(last) || path.length <= 2;
  return path.at(-2) === 'entry' || path.at(-2) === 'coding' || path.at(-2) === 'bodySite';
}

/** Applies a mutation to `root` in place; a mutation with no node to pick changes nothing. */
export function applyMutation(root: Record<string, unknown>, mutation: Mutation): void {
  if (mutation.kind === 'prefetch') {
    const prefetch = isRecord(root.prefetch) ? root.prefetch : (root.prefetch = {});
    if (isRecord(prefetch)) prefetch[mutation.key] = valueOf(mutation.value);
    return;
  }
  const candidates = pathsOf(root).filter((path) => mutation.focus === 'any' || isRead(path));
  const path = candidates[mutation.pick % Math.max(candidates.length, 1)];
  if (!path) return;
  const parent = path.slice(0, -1).reduce<unknown>((node, key) => childOf(node, key), root);
  const key = path.at(-1);
  if (Array.isArray(parent) && typeof key === 'number') {
    if (mutation.kind === 'delete') parent.splice(key, 1);
    else parent[key] = valueOf(mutation.value);
  } else if (isRecord(parent) && typeof key === 'string') {
    if (mutation.kind === 'delete') Reflect.deleteProperty(parent, key);
    else parent[key] = valueOf(mutation.value);
  }
}

/** A fresh copy of the value, so no mutation can change a value another case shares. */
function valueOf(value: unknown): unknown {
  if (value instanceof Recipe) return value.build();
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

function childOf(node: unknown, key: string | number): unknown {
  if (Array.isArray(node) && typeof key === 'number') return node[key];
  if (isRecord(node) && typeof key === 'string') return node[key];
  return undefined;
}

// ---- hostile values ------------------------------------------------------------------------

/** A value too big or too odd to print: built when applied, printed as its recipe. */
export class Recipe {
  constructor(
    readonly label: string,
    readonly build: () => unknown,
  ) {}

  [fc.toStringMethod](): string {
    return this.label;
  }
}

/** `[[[…]]]` `depth` levels deep, built without recursion. */
const nestedArray = (depth: number) =>
  new Recipe(`nestedArray(${String(depth)})`, () => {
    let value: unknown = [];
    for (let i = 0; i < depth; i++) value = [value];
    return value;
  });

/** An object whose own key is `__proto__`, as JSON.parse makes it (prototype pollution probe). */
const protoKey = new Recipe('{"__proto__":{"polluted":true},"constructor":{}}', () =>
  JSON.parse('{"__proto__": {"polluted": true}, "constructor": {}}'),
);

/** Resources of a type the key does not hold, Bundles that are not data, and odd shapes. */
const wrongResourceArb = fc.constantFrom<unknown>(
  OPERATION_OUTCOME,
  { resourceType: 'Patient', id: 'fuzz-patient' },
  { resourceType: 'Observation', status: 'final', code: { text: 'Hb' } },
  { resourceType: 'Condition', subject: { reference: 'Patient/fuzz-patient' } },
  { resourceType: 'Bundle', type: 'searchset' },
  { resourceType: 'Bundle', type: 'searchset', entry: [] },
  { resourceType: 'Bundle', type: 'searchset', entry: [{}, { resource: null }, { fullUrl: 7 }] },
  {
    resourceType: 'Bundle',
    type: 'searchset',
    entry: [{ resource: OPERATION_OUTCOME, search: { mode: 'outcome' } }],
    link: [{ relation: 'next', url: 'https://elsewhere.example.org/fhir?page=2' }],
  },
  { resourceType: 'bundle', type: 'searchset' },
  { resourceType: '' },
);

const hugeStringArb = fc
  .tuple(fc.integer({ min: 10_000, max: 300_000 }), fc.constantFrom('x', 'é', '\u0000', '{{', '漢'))
  .map(
    ([length, unit]) =>
      new Recipe(`${JSON.stringify(unit)}.repeat(${String(length)})`, () => unit.repeat(length)),
  );

/** A JSON value meant to break whatever reads it. */
export const hostileValueArb: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 6 },
  fc.constantFrom<unknown>(null, '', ' ', [], {}, 0, -1, 1e308, -0, 2 ** 53 + 1, true),
  fc.constantFrom(
    'null',
    '__proto__',
    'constructor',
    '{{context.patientId}}',
    '../../etc',
    '%E0%A4%A',
  ),
  wrongResourceArb,
  hugeStringArb,
  fc.integer({ min: 100, max: 3_000 }).map(nestedArray),
  fc.constant(protoKey),
);

/** A prefetch value: null (no data), an OperationOutcome, a wrong type, a huge or deep value. */
export const prefetchValueArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  wrongResourceArb,
  hugeStringArb,
  fc.integer({ min: 100, max: 3_000 }).map(nestedArray),
  fc.jsonValue({ maxDepth: 3 }),
);

const PREFETCH_KEYS = ['conditions', 'imagingStudies', 'imagingReports', 'patient', 'study'];

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('delete' as const),
    focus: fc.constantFrom<Focus>('any', 'read'),
    pick: fc.nat(),
  }),
  {
    arbitrary: fc.record({
      kind: fc.constant('replace' as const),
      focus: fc.constantFrom<Focus>('any', 'read', 'read'),
      pick: fc.nat(),
      value: hostileValueArb,
    }),
    weight: 3,
  },
  fc.record({
    kind: fc.constant('prefetch' as const),
    key: fc.oneof(fc.constantFrom(...PREFETCH_KEYS), fc.string({ maxLength: 8 })),
    value: prefetchValueArb,
  }),
);
