/**
 * The rows of ./other-patient-imaging.test.ts (Bundles of test/fixtures/other-patient-imaging/,
 * each with the cards a clinician should see, typed from the rules page) and how a row is played
 * through the service: as `emd-cds evaluate` reads its transaction Bundle, and over HTTP from a
 * prefetch whose searches also returned the other patient's study.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { expect } from 'vitest';
import { storedResources } from '../../scripts/example-requests.js';
import { evaluateBundle } from '../../src/cds/dry-run.js';
import type { CdsCard as Card } from '../support/cds-hooks-schema.js';
import { defaultSettings, expectValidHookResponse, SCENARIO_NOW, testApp } from '../support/app.js';
import { fixtureBundles } from './fixture-bundles.js';

export interface Scenario {
  /** file name under test/fixtures/other-patient-imaging/, without .json; also the patient id */
  bundle: string;
  /** the PET/CT's id: the other patient's (`<bundle>-other-pet1`) or this patient's */
  study: string;
  why: string;
  /** expected cards, in any order: "rule id indicator" */
  patientView: string[];
  /** on the imaging-review hook, reviewing the PET/CT */
  review: string[];
}

// Every patient has confirmed myeloma in relapse (C90.02). The report is this patient's, final,
// categorised RAD, dated 2026-10-12, and concludes C90.20 (extramedullary plasmacytoma) with
// SNOMED CT 10200004 (liver), on a whole-body FDG PET/CT of 2026-10-12. In the first two Bundles
// it cites the PET/CT by absolute URL; in the last two a liver plasmacytoma Condition cites the
// PET/CT, the report and a CT abdomen of this patient by urn:uuid.
export const scenarios: Scenario[] = [
  {
    bundle: 'report-on-other-patients-study',
    study: 'report-on-other-patients-study-other-pet1',
    why: "§2, §4: the report is on another patient's PET/CT, so its conclusion is about someone else's images: no card suggests adding it; the study under review is not this patient's",
    patientView: [],
    review: [],
  },
  {
    bundle: 'report-on-own-study',
    study: 'report-on-own-study-pet1',
    why: "§4: the same report on the same PET/CT, this patient's: a plasmacytoma no Condition lists, and a whole-body PET/CT of a myeloma patient under review (the control)",
    patientView: ['emd-reported-not-listed info'],
    review: ['emd-imaging-review info', 'emd-reported-not-listed info'],
  },
  {
    bundle: 'finding-cites-other-patients-imaging',
    study: 'finding-cites-other-patients-imaging-other-pet1',
    why: "§2, §3.3: the liver plasmacytoma counts by its own status, whatever imaging it cites; another patient's PET/CT covers nothing of this patient (§3.4)",
    patientView: ['emd-soft-tissue warning'],
    review: [],
  },
  {
    bundle: 'finding-cites-own-imaging',
    study: 'finding-cites-own-imaging-pet1',
    why: "§3.3, §4: the same finding, its PET/CT this patient's (the control); the report is listed by the Condition that cites it",
    patientView: ['emd-soft-tissue warning'],
    review: ['emd-imaging-review info'],
  },
];

const BASE = 'https://ehr.example.org/fhir';

const { read: readBundle } = fixtureBundles('other-patient-imaging');

/** A search answer as a FHIR server gives it: absolute fullUrls. */
function searchset(resources: fhir4.Resource[]): fhir4.Bundle {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    entry: resources.map((resource) => ({
      fullUrl: `${BASE}/${resource.resourceType}/${resource.id ?? ''}`,
      resource,
      search: { mode: 'match' },
    })),
  };
}

/** The hook call an EHR whose searches also returned the other patient's study would send. */
function hookRequest(scenario: Scenario, hook: 'patient-view' | 'review'): object {
  const stored = storedResources(readBundle(scenario.bundle));
  const ofType = (type: string) => stored.filter((r) => r.resourceType === type);
  const prefetch = {
    patient: stored.find((r) => r.resourceType === 'Patient' && r.id === scenario.bundle),
    conditions: searchset(ofType('Condition')),
    imagingStudies: searchset(ofType('ImagingStudy')),
    imagingReports: searchset(ofType('DiagnosticReport')),
  };
  const context = {
    userId: 'Practitioner/example-radiologist',
    patientId: scenario.bundle,
  };
  if (hook === 'patient-view') return { hook, hookInstance: randomUUID(), context, prefetch };
  const study = stored.find((r) => r.id === scenario.study);
  return {
    hook: 'org.emd-cds.imagingstudy-review',
    hookInstance: randomUUID(),
    context: { ...context, imagingStudyId: scenario.study },
    prefetch: { study, ...prefetch },
  };
}

export async function cardsOverHttp(
  scenario: Scenario,
  hook: 'patient-view' | 'review',
): Promise<Card[]> {
  const service = hook === 'patient-view' ? 'emd-patient-view' : 'emd-imaging-review';
  const response = await request(testApp())
    .post(`/cds-services/${service}`)
    .send(hookRequest(scenario, hook));
  expect(response.status).toBe(200);
  return expectValidHookResponse(response.body).cards;
}

/** The dry run `emd-cds evaluate` makes of the transaction Bundle. */
export function dryRun(scenario: Scenario, hook: 'patient-view' | 'review') {
  return evaluateBundle(readBundle(scenario.bundle), defaultSettings, {
    hook: hook === 'patient-view' ? 'patient-view' : 'imaging-review',
    patientId: scenario.bundle,
    studyId: hook === 'review' ? scenario.study : undefined,
    locale: 'en',
    now: SCENARIO_NOW,
  });
}

export const scenarioNamed = (bundle: string): Scenario => {
  const found = scenarios.find((s) => s.bundle === bundle);
  if (!found) expect.fail(`no scenario ${bundle}`);
  return found;
};
