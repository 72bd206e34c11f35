/**
 * Plays one decision-table row over HTTP against the real app, the two ways an EHR can give
 * the data (CDS Hooks 2.0 §Prefetch): (a) everything in prefetch, (b) no prefetch at all,
 * the service reading the row's resources from the local FHIR server.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { expect } from 'vitest';
import { CARD_EXTENSION } from '../../src/cds/cards/build-card.js';
import type { CdsCard as Card } from '../support/cds-hooks-schema.js';
import { fhirAccessFor } from '../../src/fhir/fhir-access.js';
import { fhirKitRunner } from '../../src/fhir/fhir-kit-runner.js';
import { expectValidHookResponse, readExampleRequest, testApp } from '../support/app.js';
import { searchBundle } from '../support/search-bundle.js';
import { coding, rowIds } from './row-codes.js';
import { rowResources } from './row-resources.js';
import type { Row } from './table-rows.js';

export type PlayPath = 'prefetch' | 'fhir-server';

/** A card as the table sees it. */
export interface SeenCard {
  ruleId: string;
  indicator: string;
  evidence: string[];
  phase: unknown;
  detail: string;
  suggestsImaging: boolean;
  suggestionCount: number;
  /** For each suggestion that creates a Condition, the references its evidence.detail cites. */
  conditionsCite: string[][];
  lowered: string[];
}

const SERVICE: Record<Row['hook'], string> = {
  'patient-view': 'emd-patient-view',
  'imaging-review': 'emd-imaging-review',
  'order-select': 'emd-imaging-order-select',
  'order-sign': 'emd-imaging-order-sign',
};
const EXAMPLE_FOLDER: Record<Row['hook'], string> = {
  'patient-view': 'patient-view',
  'imaging-review': 'imagingstudy-review',
  'order-select': 'order-select',
  'order-sign': 'order-sign',
};
const HOOK: Record<Row['hook'], string> = {
  'patient-view': 'patient-view',
  'imaging-review': 'org.emd-cds.imagingstudy-review',
  'order-select': 'order-select',
  'order-sign': 'order-sign',
};
/** Rules page §5: PET/CT FDG whole body (SNOMED 443271005) and MR brain (LOINC 24590-2). */
const IMAGING_ORDER_CODES = new Set(['443271005', '24590-2']);

/** The draft whole-body CT (LOINC 46305-9) every order row selects, and the row's other orders. */
function draftOrders(row: Row) {
  const { patientId, otherPatientId } = rowIds(row);
  const draft: fhir4.ServiceRequest = {
    resourceType: 'ServiceRequest',
    id: `${patientId}-draft-ct`,
    status: 'draft',
    intent: 'order',
    subject: { reference: `Patient/${patientId}` },
    code: { coding: [{ system: 'http://loinc.org', code: '46305-9' }], text: 'CT whole body' },
  };
  const others = row.orders.map(
    (order) =>
      ({
        resourceType: 'ServiceRequest',
        id: `${patientId}-${order.id}`,
        status: order.status as fhir4.ServiceRequest['status'],
        intent: 'order',
        subject: { reference: `Patient/${order.patient ? otherPatientId : patientId}` },
        code: { coding: [coding(order.code)] },
        ...(order.doNotPerform === undefined ? {} : { doNotPerform: order.doNotPerform }),
      }) satisfies fhir4.ServiceRequest,
  );
  return {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [draft, ...others].map((resource) => ({ resource })),
  };
}

function context(row: Row): Record<string, unknown> {
  const { patientId, reference } = rowIds(row);
  const base = { userId: 'Practitioner/decision-table', patientId };
  if (row.hook === 'imaging-review')
    return { ...base, imagingStudyId: reference(`study:${row.review ?? ''}`).split('/')[1] };
  if (row.hook === 'order-select')
    return {
      ...base,
      selections: [`ServiceRequest/${patientId}-draft-ct`],
      draftOrders: draftOrders(row),
    };
  if (row.hook === 'order-sign') return { ...base, draftOrders: draftOrders(row) };
  return base;
}

/** What a prefetching EHR sends: every resource of the row, other patients' included. */
function prefetch(row: Row, resources: fhir4.Resource[]): Record<string, unknown> {
  const { patientId } = rowIds(row);
  const of = (type: string) => resources.filter((r) => r.resourceType === type);
  const keys: Record<string, unknown> = {
    patient: resources.find((r) => r.resourceType === 'Patient' && r.id === patientId) ?? null,
    conditions: searchBundle(of('Condition')),
  };
  if (!row.imagingUnavailable) {
    keys.imagingStudies = searchBundle(of('ImagingStudy'));
    if (!row.hook.startsWith('order')) keys.imagingReports = searchBundle(of('DiagnosticReport'));
  }
  if (row.hook === 'imaging-review') {
    const studyId = context(row).imagingStudyId;
    keys.study = resources.find((r) => r.resourceType === 'ImagingStudy' && r.id === studyId);
  }
  return keys;
}

/** Loads the row's resources into the FHIR server, one transaction, each under its own id. */
async function loadIntoServer(fhirServer: string, resources: fhir4.Resource[]): Promise<void> {
  const bundle: fhir4.Bundle = {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: resources.map((resource) => ({
      resource,
      request: { method: 'PUT', url: `${resource.resourceType}/${resource.id ?? ''}` },
    })),
  };
  const response = await fetch(fhirServer, {
    method: 'POST',
    headers: { 'content-type': 'application/fhir+json' },
    body: JSON.stringify(bundle),
  });
  expect(response.status, await response.clone().text()).toBe(200);
}

function requestBody(row: Row, path: PlayPath, fhirServer: string, now: Date) {
  if (row.example) {
    const example = readExampleRequest(row.example, EXAMPLE_FOLDER[row.hook]);
    const { prefetch: sent, ...rest } = example;
    return { body: path === 'prefetch' ? { ...rest, prefetch: sent } : { ...rest, fhirServer } };
  }
  const resources = rowResources(row, now);
  const body = { hook: HOOK[row.hook], hookInstance: randomUUID(), context: context(row) };
  return path === 'prefetch'
    ? { body: { ...body, prefetch: prefetch(row, resources) } }
    : { body: { ...body, fhirServer }, load: resources };
}

/**
 * Plays rows against one app: the app keeps nothing from one call to the next (no audit, no
 * feedback, no cache), so building it again for each of the table's ~950 plays only costs
 * time (about 4 ms each). Its clock reads the `now` of the row being played.
 */
export function rowPlayer(
  fhirServer: string,
): (row: Row, path: PlayPath, now: Date) => Promise<SeenCard[]> {
  let rowNow: Date | undefined;
  const app = testApp({
    clock: () => {
      if (!rowNow) throw new Error('no row is being played');
      return rowNow;
    },
    fhirAccess: fhirAccessFor({
      allowedServers: [fhirServer],
      // A budget far above the real cost: these rows are about data, not time.
      runnerFor: (url, token) => fhirKitRunner(url, token, { timeoutMs: 10_000, maxPages: 10 }),
    }),
  });
  return async (row, path, now) => {
    const { body, load } = requestBody(row, path, fhirServer, now);
    if (load) await loadIntoServer(fhirServer, load);
    rowNow = now;
    try {
      const response = await request(app).post(`/cds-services/${SERVICE[row.hook]}`).send(body);
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return expectValidHookResponse(response.body).cards.map(seen);
    } finally {
      rowNow = undefined;
    }
  };
}

function seen(card: Card): SeenCard {
  const extension = card.extension ?? {};
  return {
    ruleId: String(extension[CARD_EXTENSION.ruleId]),
    indicator: card.indicator,
    evidence: (extension[CARD_EXTENSION.evidence] as string[] | undefined) ?? [],
    phase: extension[CARD_EXTENSION.phase],
    detail: card.detail ?? '',
    suggestionCount: card.suggestions?.length ?? 0,
    conditionsCite: (card.suggestions ?? []).flatMap((s) =>
      (s.actions ?? []).flatMap((action) => {
        const resource = action.resource as fhir4.Condition | undefined;
        if (resource?.resourceType !== 'Condition') return [];
        return [
          (resource.evidence ?? []).flatMap((e) => (e.detail ?? []).map((d) => d.reference ?? '')),
        ];
      }),
    ),
    lowered: (extension[CARD_EXTENSION.lowered] as string[] | undefined) ?? [],
    suggestsImaging: (card.suggestions ?? []).some((s) =>
      (s.actions ?? []).some((action) => {
        const resource = action.resource as fhir4.ServiceRequest | undefined;
        return (
          resource?.resourceType === 'ServiceRequest' &&
          (resource.code?.coding ?? []).some((c) => IMAGING_ORDER_CODES.has(c.code ?? ''))
        );
      }),
    ),
  };
}
