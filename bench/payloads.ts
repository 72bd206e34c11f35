/**
 * The CDS Hooks request bodies of the load scenarios, built once per run:
 *  - typical: the patient-view example of `emd-and-cns`, its Conditions Bundle padded with
 *    unrelated Conditions (hypertension, diabetes, …) of the same patient to 50 resources;
 *  - heavy: a synthetic myeloma patient of 2,000 resources (src/backtest/synthetic-patient.ts);
 *  - imaging-review: the imaging-review example of that patient's PET/CT;
 *  - fhir-fallback: a patient-view request with no prefetch and the local FHIR server as
 *    fhirServer, for the same example patient.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/config/project-paths.js';
import {
  patientViewPrefetch,
  syntheticPatient,
  unrelatedCondition,
} from '../src/backtest/synthetic-patient.js';

export const EXAMPLE_PATIENT = 'emd-and-cns';
export const TYPICAL_RESOURCES = 50;
export const HEAVY_RESOURCES = 2_000;

export type ScenarioName = 'typical' | 'heavy' | 'imaging-review' | 'fhir-fallback';

export interface Scenario {
  name: ScenarioName;
  /** The CDS Service called: every JWT's audience names it. */
  serviceId: string;
  /** What the body holds, for the report. */
  description: string;
  body: string;
  bodyBytes: number;
  /** Resources the request carries in prefetch (0 when the service reads them from FHIR). */
  prefetchResources: number;
}

interface CdsRequest {
  hookInstance: string;
  hook: string;
  context: Record<string, unknown>;
  prefetch?: Record<string, fhir4.Resource | null>;
  fhirServer?: string;
}

function readExample(folder: string, name: string): CdsRequest {
  return JSON.parse(
    readFileSync(join(PROJECT_ROOT, 'cds-hooks', 'examples', folder, `${name}.json`), 'utf8'),
  ) as CdsRequest;
}

/** Resources in the request's prefetch: Bundle entries count one each, a resource one. */
export function countPrefetchResources(prefetch: CdsRequest['prefetch']): number {
  let count = 0;
  for (const value of Object.values(prefetch ?? {})) {
    if (!value) continue;
    count += value.resourceType === 'Bundle' ? ((value as fhir4.Bundle).entry ?? []).length : 1;
  }
  return count;
}

function scenario(
  name: ScenarioName,
  serviceId: string,
  description: string,
  request: CdsRequest,
): Scenario {
  // Compact JSON, as an EHR sends it.
  const body = JSON.stringify(request);
  return {
    name,
    serviceId,
    description,
    body,
    bodyBytes: Buffer.byteLength(body),
    prefetchResources: countPrefetchResources(request.prefetch),
  };
}

export function buildScenarios(fhirServerUrl: string, now = new Date()): Scenario[] {
  const typical = readExample('patient-view', EXAMPLE_PATIENT);
  const conditions = typical.prefetch?.conditions as fhir4.Bundle | undefined;
  if (!conditions?.entry) throw new Error(`${EXAMPLE_PATIENT}: no conditions Bundle in prefetch`);
  const padding = TYPICAL_RESOURCES - countPrefetchResources(typical.prefetch);
  for (let n = 0; n < padding; n += 1) {
    const resource = unrelatedCondition(
      EXAMPLE_PATIENT,
      `${EXAMPLE_PATIENT}-pad${String(n)}`,
      n,
      now,
    );
    conditions.entry.push({
      fullUrl: `Condition/${resource.id ?? ''}`,
      resource,
      search: { mode: 'match' },
    });
  }
  conditions.total = conditions.entry.length;

  const heavyId = 'bench-heavy';
  const heavy: CdsRequest = {
    hookInstance: '1f0e8a52-2b8e-4c1e-9d7a-6a0b8f3c5d21',
    hook: 'patient-view',
    context: { userId: 'Practitioner/example-haematologist', patientId: heavyId },
    prefetch: patientViewPrefetch(heavyId, syntheticPatient(heavyId, HEAVY_RESOURCES, now)),
  };

  const imaging = readExample('imagingstudy-review', `${EXAMPLE_PATIENT}-pet1`);

  const { prefetch: _omitted, ...withoutPrefetch } = readExample('patient-view', EXAMPLE_PATIENT);
  const fallback: CdsRequest = { ...withoutPrefetch, fhirServer: fhirServerUrl };

  return [
    scenario(
      'typical',
      'emd-patient-view',
      `patient-view, ${EXAMPLE_PATIENT} padded with unrelated Conditions`,
      typical,
    ),
    scenario(
      'heavy',
      'emd-patient-view',
      'patient-view, synthetic myeloma patient (years of Conditions, studies, reports)',
      heavy,
    ),
    scenario(
      'imaging-review',
      'emd-imaging-review',
      `imagingstudy-review example ${EXAMPLE_PATIENT}-pet1`,
      imaging,
    ),
    scenario(
      'fhir-fallback',
      'emd-patient-view',
      `patient-view, no prefetch: ${EXAMPLE_PATIENT} read from the local FHIR server`,
      fallback,
    ),
  ];
}
