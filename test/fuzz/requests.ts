/**
 * Random patient records and the CDS Hooks requests that carry them: resources from
 * ./arbitraries.ts given ids from small pools (so references resolve), fullUrls in every
 * style (none, relative, urn:uuid, absolute), and each prefetch key in one of the states
 * CDS Hooks 2.0 §Prefetch allows (a Bundle, null, absent, an OperationOutcome, a first page).
 *
 * `npm run fuzz` runs 10,000 cases a property; `npm test` runs FUZZ_RUNS (default 200).
 */
import fc from 'fast-check';
import type { SourcedResource } from '../../src/rules/patient-record.js';
import type { HookContext } from '../../src/rules/types.js';
import {
  oddDateArb,
  OTHER_PATIENT_ID,
  PATIENT_ID,
  POOL,
  uuidOf,
  validDateArb,
} from './arbitraries.js';
import {
  conditionArb,
  diagnosticReportArb,
  imagingStudyArb,
  serviceRequestArb,
  type ResourceOptions,
} from './resources.js';

const BASE = 'https://ehr.example.org/fhir';
const ID_PREFIX = { Condition: 'condition', ImagingStudy: 'study', DiagnosticReport: 'report' };
type RecordType = keyof typeof ID_PREFIX;

/** How a resource is identified in its Bundle: by id, fullUrl, both, or neither. */
const identityArb = fc.oneof(
  { arbitrary: fc.constantFrom('id', 'id+relative', 'id+uuid', 'id+absolute'), weight: 9 },
  fc.constantFrom('uuid-only', 'anonymous'),
);

function identify(type: RecordType, index: number, resource: fhir4.Resource, identity: string) {
  const id = `${ID_PREFIX[type]}-${String(index)}`;
  const withId = identity.startsWith('id') ? { ...resource, id } : resource;
  const fullUrl = identity.endsWith('relative')
    ? `${type}/${id}`
    : identity.endsWith('uuid') || identity === 'uuid-only'
      ? uuidOf(type, index)
      : identity.endsWith('absolute')
        ? `${BASE}/${type}/${id}`
        : undefined;
  return fullUrl === undefined ? { resource: withId } : { resource: withId, fullUrl };
}

function identified(type: RecordType, resources: fc.Arbitrary<fhir4.Resource[]>) {
  return fc
    .tuple(resources, fc.array(identityArb, { minLength: 8, maxLength: 8 }))
    .map(([list, identities]) =>
      list.map((resource, i) => identify(type, i, resource, identities[i] ?? 'id')),
    );
}

/**
 * Conditions, some recorded twice with another onset (rules page §2 "Duplicates": a
 * problem-list entry and an encounter diagnosis), often one no calendar has.
 */
function conditionsArb(o: ResourceOptions): fc.Arbitrary<fhir4.Resource[]> {
  const onset = fc.oneof(
    validDateArb,
    o.dates === 'calendar' ? validDateArb : oddDateArb,
    fc.constant(undefined),
  );
  return fc
    .tuple(
      fc.array(conditionArb(o), { minLength: 1, maxLength: 5 }),
      fc.array(fc.tuple(fc.nat(), onset), { maxLength: 2 }),
    )
    .map(([conditions, copies]) => [
      ...conditions,
      ...copies.flatMap(([k, onsetDateTime]) => {
        const original = conditions[k % conditions.length];
        return original ? [{ ...original, onsetDateTime }] : [];
      }),
    ]);
}

/** A patient's data as gathered from every source: Conditions, imaging, reports, Patients. */
export interface PatientWorld {
  conditions: SourcedResource[];
  studies: SourcedResource[];
  reports: SourcedResource[];
  patients: SourcedResource[];
}

export function worldArb(o: ResourceOptions): fc.Arbitrary<PatientWorld> {
  const patients: SourcedResource[] = [
    { resource: { resourceType: 'Patient', id: PATIENT_ID }, fullUrl: uuidOf('Patient', 0) },
    { resource: { resourceType: 'Patient', id: OTHER_PATIENT_ID }, fullUrl: uuidOf('Patient', 1) },
  ];
  return fc.record({
    conditions: identified('Condition', conditionsArb(o)),
    studies: identified('ImagingStudy', fc.array(imagingStudyArb(o), { maxLength: POOL })),
    reports: identified('DiagnosticReport', fc.array(diagnosticReportArb(o), { maxLength: POOL })),
    patients: fc.subarray(patients),
  });
}

export const allResources = (w: PatientWorld): SourcedResource[] => [
  ...w.patients,
  ...w.conditions,
  ...w.studies,
  ...w.reports,
];

// ---- prefetch ------------------------------------------------------------------------------

/** CDS Hooks 2.0 §Prefetch: the states a key can be in. */
export type KeyState = 'provided' | 'null' | 'absent' | 'outcome' | 'first-page';
const keyStateArb: fc.Arbitrary<KeyState> = fc.oneof(
  { arbitrary: fc.constant('provided' as const), weight: 24 },
  fc.constantFrom<KeyState>('null', 'absent', 'outcome', 'first-page'),
);

export const OPERATION_OUTCOME = {
  resourceType: 'OperationOutcome',
  issue: [{ severity: 'error', code: 'timeout', diagnostics: 'upstream timed out' }],
};

export function searchBundle(entries: readonly SourcedResource[], next?: string): fhir4.Bundle {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: entries.length,
    entry: entries.map(({ resource, fullUrl }) => ({
      ...(fullUrl === undefined ? {} : { fullUrl }),
      resource,
      search: { mode: 'match' },
    })),
    ...(next ? { link: [{ relation: 'next', url: `${BASE}/Condition?page=2` }] } : {}),
  };
}

function prefetchValue(key: string, world: PatientWorld, state: KeyState): unknown {
  if (state === 'null') return null;
  if (state === 'outcome') return OPERATION_OUTCOME;
  if (key === 'patient') return world.patients.find((p) => p.resource.id === PATIENT_ID)?.resource;
  if (key === 'study') return world.studies.find((s) => s.resource.id === 'study-0')?.resource;
  const entries =
    key === 'conditions'
      ? [...world.patients, ...world.conditions]
      : key === 'imagingStudies'
        ? world.studies
        : world.reports;
  return searchBundle(entries, state === 'first-page' ? 'next' : undefined);
}

export function prefetchOf(
  keys: readonly string[],
  world: PatientWorld,
  states: Readonly<Record<string, KeyState>>,
): Record<string, unknown> {
  const prefetch: Record<string, unknown> = {};
  for (const key of keys) {
    const state = states[key] ?? 'provided';
    if (state === 'absent') continue;
    // A read the world cannot satisfy is sent as null (no data), as the spec says.
    prefetch[key] = prefetchValue(key, world, state) ?? null;
  }
  return prefetch;
}

// ---- hook requests -------------------------------------------------------------------------

export const HOOK_SERVICES = {
  'patient-view': {
    serviceId: 'emd-patient-view',
    keys: ['patient', 'conditions', 'imagingStudies', 'imagingReports'],
  },
  'org.emd-cds.imagingstudy-review': {
    serviceId: 'emd-imaging-review',
    keys: ['study', 'patient', 'conditions', 'imagingStudies', 'imagingReports'],
  },
  'order-select': {
    serviceId: 'emd-imaging-order-select',
    keys: ['patient', 'conditions', 'imagingStudies'],
  },
  'order-sign': {
    serviceId: 'emd-imaging-order-sign',
    keys: ['patient', 'conditions', 'imagingStudies'],
  },
} as const;
export type FuzzHook = keyof typeof HOOK_SERVICES;
const HOOKS = Object.keys(HOOK_SERVICES) as FuzzHook[];

const draftOrdersArb = fc
  .array(serviceRequestArb, { minLength: 1, maxLength: 3 })
  .map((orders) => orders.map((order, i) => ({ ...order, id: `sr-${String(i)}` })));

/** The rules' view of a draft order: every fuzz draft has an id, so it is cited by it. */
const asDraft = (resource: fhir4.ServiceRequest) => ({
  resource,
  reference: `ServiceRequest/${resource.id ?? ''}`,
});

/** The hook context of a request, and the rules' view of it. */
export interface FuzzContext {
  hook: FuzzHook;
  context: Record<string, unknown>;
  ruleContext: HookContext;
}

export const contextArb: fc.Arbitrary<FuzzContext> = fc
  .tuple(fc.constantFrom(...HOOKS), draftOrdersArb, fc.nat(2), fc.boolean())
  .map(([hook, orders, selected, withReport]) => {
    const base = { userId: 'Practitioner/fuzz-user', patientId: PATIENT_ID };
    const patientId = PATIENT_ID;
    switch (hook) {
      case 'patient-view':
        return { hook, context: base, ruleContext: { kind: 'patient-view', patientId } };
      case 'org.emd-cds.imagingstudy-review': {
        const ids = {
          imagingStudyId: 'study-0',
          diagnosticReportId: withReport ? 'report-0' : undefined,
        };
        return {
          hook,
          context: { ...base, ...ids },
          ruleContext: { kind: 'imaging-review', patientId, ...ids },
        };
      }
      case 'order-select':
      case 'order-sign': {
        const draftOrders = {
          resourceType: 'Bundle',
          type: 'collection',
          entry: orders.map((resource) => ({ resource })),
        };
        const selection = orders[selected % orders.length];
        const selections = [`ServiceRequest/${selection?.id ?? 'sr-0'}`];
        const inScope = hook === 'order-sign' ? orders : orders.filter((o) => o === selection);
        const others = hook === 'order-sign' ? [] : orders.filter((o) => o !== selection);
        return {
          hook,
          context:
            hook === 'order-sign' ? { ...base, draftOrders } : { ...base, selections, draftOrders },
          ruleContext: {
            kind: 'order',
            patientId,
            draftOrders: inScope.map(asDraft),
            otherDraftOrders: others.map(asDraft),
          },
        };
      }
    }
  });

export interface FuzzRequest {
  serviceId: string;
  body: Record<string, unknown>;
}

/** A whole hook call: a random context, a random record, each prefetch key in a random state. */
export function hookRequestArb(o: ResourceOptions): fc.Arbitrary<FuzzRequest> {
  return fc
    .tuple(
      contextArb,
      worldArb(o),
      fc.dictionary(
        fc.constantFrom('patient', 'conditions', 'imagingStudies', 'imagingReports', 'study'),
        keyStateArb,
      ),
      fc.uuid({ version: 4 }),
    )
    .map(([{ hook, context }, world, states, hookInstance]) => {
      const { serviceId, keys } = HOOK_SERVICES[hook];
      return {
        serviceId,
        body: { hook, hookInstance, context, prefetch: prefetchOf(keys, world, states) },
      };
    });
}
