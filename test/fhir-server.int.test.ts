/**
 * The local FHIR server (tools/fhir-server/) that test/global-setup.ts starts with every
 * example patient: what a CDS client and the service's prefetch queries rely on.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';

const base = inject('fhirServerUrl');
const PATIENT = 'emd-skin-at-diagnosis';
const RAD = 'http://terminology.hl7.org/CodeSystem/v2-0074|RAD';

async function getJson(
  url: string,
  init?: RequestInit,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, init);
  expect(response.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
  return { status: response.status, body: await response.json() };
}

async function searchset(query: string): Promise<fhir4.Bundle> {
  const { status, body } = await getJson(`${base}/${query}`);
  expect(status).toBe(200);
  expect(body).toMatchObject({ resourceType: 'Bundle', type: 'searchset' });
  return body as fhir4.Bundle;
}

function ids(bundle: fhir4.Bundle): string[] {
  return (bundle.entry ?? []).map((e) => e.resource?.id ?? '').sort();
}

function subjects(bundle: fhir4.Bundle): string[] {
  return (bundle.entry ?? []).map(
    (e) => (e.resource as { subject?: fhir4.Reference }).subject?.reference ?? '',
  );
}

describe('local FHIR server', () => {
  it('reads an example Patient by id', async () => {
    const { status, body } = await getJson(`${base}/Patient/${PATIENT}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ resourceType: 'Patient', id: PATIENT });
  });

  it("finds a patient's Conditions by bare patient id, with references rewritten to Patient/<id>", async () => {
    const bundle = await searchset(`Condition?patient=${PATIENT}`);
    expect(ids(bundle)).toEqual([`${PATIENT}-dm2`, `${PATIENT}-mm`, `${PATIENT}-pc1`]);
    expect(subjects(bundle)).toEqual(Array(3).fill(`Patient/${PATIENT}`));
    expect(JSON.stringify(bundle)).not.toContain('urn:uuid');
    expect(bundle.entry?.[0]?.fullUrl).toMatch(new RegExp(`^${base}/Condition/`));
  });

  it('finds the same Conditions by bare subject id and by Patient/<id>', async () => {
    for (const query of [
      `subject=${PATIENT}`,
      `patient=Patient/${PATIENT}`,
      `subject:Patient=${PATIENT}`,
    ])
      expect(ids(await searchset(`Condition?${query}`)), query).toHaveLength(3);
  });

  it("finds the patient's ImagingStudy and radiology DiagnosticReport", async () => {
    expect(ids(await searchset(`ImagingStudy?patient=${PATIENT}`))).toEqual([`${PATIENT}-pet1`]);
    const reports = await searchset(
      `DiagnosticReport?patient=${PATIENT}&category=${encodeURIComponent(RAD)}`,
    );
    expect(ids(reports)).toEqual([`${PATIENT}-pet1-report`]);
    const report = reports.entry?.[0]?.resource as fhir4.DiagnosticReport;
    expect(report.imagingStudy?.[0]?.reference).toBe(`ImagingStudy/${PATIENT}-pet1`);
  });

  it("answers the service's own prefetch query for imaging reports", async () => {
    const category = `${RAD},http://loinc.org|LP29684-5`;
    const query = `DiagnosticReport?patient=${PATIENT}&category=${encodeURIComponent(category)}`;
    expect(ids(await searchset(query))).toEqual([`${PATIENT}-pet1-report`]);
  });

  it('pages with _count=1 through next links on its own base URL', async () => {
    const seen: string[] = [];
    let url: string | undefined = `${base}/Condition?patient=${PATIENT}&_count=1`;
    while (url !== undefined) {
      expect(url.startsWith(`${base}/`)).toBe(true);
      const { body } = await getJson(url);
      const page = body as fhir4.Bundle;
      expect(page.entry).toHaveLength(1);
      expect(page.total).toBe(3);
      seen.push(...ids(page));
      url = page.link?.find((l) => l.relation === 'next')?.url;
    }
    expect(seen.sort()).toEqual([`${PATIENT}-dm2`, `${PATIENT}-mm`, `${PATIENT}-pc1`]);
  });

  it('searches by POST _search with a form body', async () => {
    const { status, body } = await getJson(`${base}/Condition/_search`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ patient: PATIENT }),
    });
    expect(status).toBe(200);
    expect(ids(body as fhir4.Bundle)).toHaveLength(3);
  });

  it("keeps the neighbour in the other-patient-resources bundle out of the main patient's search", async () => {
    const main = await searchset('Condition?patient=other-patient-resources');
    expect(ids(main)).toEqual(['other-patient-resources-htn', 'other-patient-resources-mm']);
    const neighbour = await searchset('Condition?patient=other-patient-resources-neighbour');
    expect(ids(neighbour)).toEqual([
      'other-patient-resources-neighbour-mm',
      'other-patient-resources-neighbour-pc1',
    ]);
    expect(subjects(neighbour)).toEqual(Array(2).fill('Patient/other-patient-resources-neighbour'));
  });

  it('answers a batch of reads and searches entry by entry, as the same requests alone', async () => {
    const category = `${RAD},http://loinc.org|LP29684-5`;
    const { status, body } = await getJson(base, {
      method: 'POST',
      headers: { 'content-type': 'application/fhir+json' },
      body: JSON.stringify({
        resourceType: 'Bundle',
        type: 'batch',
        entry: [
          `Patient/${PATIENT}`,
          `Condition?patient=${PATIENT}&_count=2`,
          `ImagingStudy?patient=${PATIENT}`,
          `DiagnosticReport?patient=${PATIENT}&category=${encodeURIComponent(category)}`,
          'Patient/no-such-patient',
          'Condition?no-such-param=1',
          `http://elsewhere.example/fhir/Patient/${PATIENT}`,
          '',
        ].map((url) => ({ request: { method: 'GET', url } })),
      }),
    });
    expect(status).toBe(200);
    const bundle = body as fhir4.Bundle;
    expect(bundle.type).toBe('batch-response');
    const [patient, conditions, studies, reports, missing, badSearch, elsewhere, noUrl] =
      bundle.entry ?? [];
    expect(patient?.response?.status).toBe('200');
    expect(patient?.resource).toMatchObject({ resourceType: 'Patient', id: PATIENT });
    // A bare patient id is rewritten and _count pages, as for a plain GET.
    const conditionPage = conditions?.resource as fhir4.Bundle;
    expect(conditionPage).toMatchObject({ type: 'searchset', total: 3 });
    expect(conditionPage.entry).toHaveLength(2);
    expect(conditionPage.link?.find((l) => l.relation === 'next')?.url).toMatch(
      new RegExp(`^${base}/Condition\\?`),
    );
    expect(ids(studies?.resource as fhir4.Bundle)).toEqual([`${PATIENT}-pet1`]);
    expect(ids(reports?.resource as fhir4.Bundle)).toEqual([`${PATIENT}-pet1-report`]);
    expect(missing?.response?.status).toBe('404');
    expect(missing?.response?.outcome).toMatchObject({ resourceType: 'OperationOutcome' });
    expect(badSearch?.response?.status).toBe('400');
    expect(badSearch?.resource).toBeUndefined();
    // Only URLs relative to this server's base: nothing is fetched from another server.
    expect(elsewhere?.response?.status).toBe('400');
    expect(noUrl?.response?.status).toBe('400');
  });

  it('answers 404 with an OperationOutcome for an unknown id or resource type', async () => {
    for (const path of ['Patient/no-such-patient', 'NoSuchType/1']) {
      const { status, body } = await getJson(`${base}/${path}`);
      expect(status, path).toBe(404);
      expect(body, path).toMatchObject({ resourceType: 'OperationOutcome' });
    }
  });

  it('answers 400 with an OperationOutcome for a bad search', async () => {
    for (const query of [
      'no-such-param=1',
      'onset-date=not-a-date',
      '_count=-1',
      '_include=Condition:subject',
    ]) {
      const { status, body } = await getJson(`${base}/Condition?${query}`);
      expect(status, query).toBe(400);
      expect(body, query).toMatchObject({ resourceType: 'OperationOutcome' });
    }
  });

  it('serves a CapabilityStatement at metadata', async () => {
    const { status, body } = await getJson(`${base}/metadata`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ resourceType: 'CapabilityStatement', fhirVersion: '4.0.1' });
  });

  it('answers a CORS preflight with 204 and open CORS headers', async () => {
    const response = await fetch(`${base}/Condition?patient=${PATIENT}`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://sandbox.cds-hooks.org',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-headers')).toMatch(/Authorization/i);
    expect(response.headers.get('access-control-allow-headers')).toMatch(/Content-Type/i);
  });

  it("creates with PUT at the client's id (201), then updates (200)", async () => {
    const id = `int-test-put-${randomUUID()}`;
    const put = (active: boolean) =>
      getJson(`${base}/Patient/${id}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/fhir+json' },
        body: JSON.stringify({ resourceType: 'Patient', id, active }),
      });
    expect((await put(true)).status).toBe(201);
    expect((await put(false)).status).toBe(200);
    expect((await getJson(`${base}/Patient/${id}`)).body).toMatchObject({ id, active: false });
  });

  it('resolves urn:uuid references in a posted transaction Bundle', async () => {
    const id = `int-test-tx-${randomUUID()}`;
    const patientUrn = 'urn:uuid:6f1c5a52-9d43-4c54-a3a1-2f3d0c8e7b10';
    const condition: fhir4.Condition = {
      resourceType: 'Condition',
      id: `${id}-c1`,
      subject: { reference: patientUrn },
    };
    const bundle: fhir4.Bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        {
          fullUrl: patientUrn,
          resource: { resourceType: 'Patient', id },
          request: { method: 'PUT', url: `Patient/${id}` },
        },
        {
          fullUrl: 'urn:uuid:0a7e2a0e-8f53-4a8e-9d0c-9a3b6f1d2e44',
          resource: condition,
          request: { method: 'PUT', url: `Condition/${id}-c1` },
        },
      ],
    };
    const { status } = await getJson(base, {
      method: 'POST',
      headers: { 'content-type': 'application/fhir+json' },
      body: JSON.stringify(bundle),
    });
    expect(status).toBe(200);
    expect(subjects(await searchset(`Condition?patient=${id}`))).toEqual([`Patient/${id}`]);
  });
});
