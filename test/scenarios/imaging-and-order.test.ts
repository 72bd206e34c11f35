/**
 * Rules page §4 on the other hooks: imaging review (our `org.emd-cds.imagingstudy-review`),
 * order-select / order-sign, and imaging reports that show EMD not on the problem list.
 * Each case is a generated example request, some changed on purpose.
 */
import request from 'supertest';
import { liverReport, skinExampleWithReport } from '../support/liver-report.js';
import { describe, expect, it } from 'vitest';
import { CARD_EXTENSION } from '../../src/cds/cards/build-card.js';
import type { CdsCard as Card } from '../support/cds-hooks-schema.js';
import { expectValidHookResponse, readExampleRequest, testApp } from '../support/app.js';

async function cards(serviceId: string, body: object): Promise<Card[]> {
  const response = await request(testApp()).post(`/cds-services/${serviceId}`).send(body);
  expect(response.status).toBe(200);
  return expectValidHookResponse(response.body).cards;
}
const summary = (list: Card[]) =>
  list.map((c) => [c.extension?.[CARD_EXTENSION.ruleId], c.indicator]);
const suggestionLabels = (card: Card | undefined) => (card?.suggestions ?? []).map((s) => s.label);

describe('imaging review', () => {
  const review = (study: string) =>
    cards('emd-imaging-review', readExampleRequest(study, 'imagingstudy-review'));
  const table: [string, string, [string, string][]][] = [
    [
      'cns-parenchymal-mr1',
      'MR brain of a patient with a brain plasmacytoma',
      [['emd-cns-imaging-review', 'warning']],
    ],
    [
      'unconfirmed-leptomeningeal-mr1',
      'MR brain in relapse, leptomeningeal finding unconfirmed: relapse alone warrants the warning',
      [['emd-cns-imaging-review', 'warning']],
    ],
    [
      'emd-skin-at-diagnosis-pet1',
      'whole-body PET/CT of a myeloma patient',
      [['emd-imaging-review', 'info']],
    ],
    [
      'paraskeletal-epidural-extension-mri1',
      'whole-body MRI with a spine series, patient relapsed',
      [
        ['emd-cns-imaging-review', 'warning'],
        ['emd-imaging-review', 'info'],
      ],
    ],
    [
      'entered-in-error-cns-mr1',
      'MR brain; the only CNS finding is entered-in-error and the phase is not relapse',
      [],
    ],
    ['refuted-plasmacytoma-ct1', 'CT abdomen is not a whole-body study', []],
    ['lung-cancer-brain-metastases-mr1', 'no myeloma: no cards at all', []],
    [
      'solitary-plasmacytoma-no-myeloma-pet1',
      'solitary plasmacytoma without myeloma is another disease',
      [],
    ],
  ];
  it.each(table)('%s (%s)', async (study, _why, expected) => {
    expect(summary(await review(study))).toEqual(expected);
  });

  it('offers the CSF work-up on the CNS imaging card and names the study under review', async () => {
    const [card] = await review('cns-parenchymal-mr1');
    expect(suggestionLabels(card)).toEqual(['Order CSF cytology and flow cytometry']);
    expect(card?.detail).toMatch(/Study under review/);
    expect(card?.detail).toMatch(/leptomeningeal enhancement/);
    expect(card?.extension?.[CARD_EXTENSION.evidence]).toContain(
      'ImagingStudy/cns-parenchymal-mr1',
    );
  });

  it("gives no card for another patient's study", async () => {
    const body = readExampleRequest('cns-parenchymal-mr1', 'imagingstudy-review');
    const other = readExampleRequest('emd-skin-at-diagnosis-pet1', 'imagingstudy-review');
    const prefetch = {
      ...(body.prefetch as object),
      study: (other.prefetch as { study: unknown }).study,
    };
    const context = { ...(body.context as object), imagingStudyId: 'emd-skin-at-diagnosis-pet1' };
    expect(await cards('emd-imaging-review', { ...body, context, prefetch })).toEqual([]);
  });

  it('reviews the study found among the prefetched studies when prefetch.study is not sent', async () => {
    // CDS Hooks 2.0 §Prefetch: a client may send some keys and not others; the study under
    // review is one of the patient's studies (prefetch.imagingStudies), so there is no FHIR
    // server to ask and nothing missing: the same card as with prefetch.study (table above).
    const body = readExampleRequest('cns-parenchymal-mr1', 'imagingstudy-review');
    const { study: _omitted, ...prefetch } = body.prefetch as Record<string, unknown>;
    expect(summary(await cards('emd-imaging-review', { ...body, prefetch }))).toEqual([
      ['emd-cns-imaging-review', 'warning'],
    ]);
  });

  it('returns 412 naming prefetch.study when the study under review cannot be had', async () => {
    const body = readExampleRequest('cns-parenchymal-mr1', 'imagingstudy-review');
    // Neither the read nor the patient's studies hold it, and no FHIR server is named.
    const {
      study: _study,
      imagingStudies: _studies,
      ...prefetch
    } = body.prefetch as Record<string, unknown>;
    const response = await request(testApp())
      .post('/cds-services/emd-imaging-review')
      .send({ ...body, prefetch });
    expect(response.status).toBe(412);
    expect(JSON.stringify(response.body)).toMatch(/prefetch\.study/);
  });

  it('returns 400 naming context.imagingStudyId when it is missing', async () => {
    const body = readExampleRequest('cns-parenchymal-mr1', 'imagingstudy-review');
    const { imagingStudyId: _omitted, ...context } = body.context as Record<string, unknown>;
    const response = await request(testApp())
      .post('/cds-services/emd-imaging-review')
      .send({ ...body, context });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toMatch(/context\.imagingStudyId/);
  });
});

describe('imaging orders (order-select and order-sign)', () => {
  const order = (patient: string, hook: 'order-select' | 'order-sign' = 'order-select') =>
    cards(`emd-imaging-${hook}`, readExampleRequest(patient, hook));

  it('proposes whole-body PET/CT for EMD without recent whole-body imaging', async () => {
    const list = await order('emd-skin-at-diagnosis');
    expect(summary(list)).toEqual([['emd-imaging-order', 'info']]);
    expect(suggestionLabels(list[0])).toEqual(['Order whole-body FDG PET/CT']);
    const action = list[0]?.suggestions?.[0]?.actions?.[0];
    expect(action?.resource).toMatchObject({
      resourceType: 'ServiceRequest',
      status: 'draft',
      subject: { reference: 'Patient/emd-skin-at-diagnosis' },
      code: { coding: [{ system: 'http://snomed.info/sct', code: '443271005' }] },
    });
    expect(list[0]?.selectionBehavior).toBe('any');
  });

  it('proposes MRI of brain and whole spine for CNS disease without both on recent MRI, on order-sign too', async () => {
    const [card] = await order('cns-parenchymal', 'order-sign');
    expect(suggestionLabels(card)).toEqual(['Order MRI brain and whole spine with gadolinium']);
    expect(card?.suggestions?.[0]?.actions).toHaveLength(2);
  });

  // Rules page §4 emd-imaging-order: "the preferred order, if not already drafted or recent".
  it('leaves out an MRI of the brain drafted in the same session: only the spine is proposed', async () => {
    const body = readExampleRequest('cns-parenchymal', 'order-sign');
    const context = structuredClone(body.context) as {
      draftOrders: { entry: { resource: fhir4.ServiceRequest }[] };
    };
    context.draftOrders.entry.push({
      resource: {
        resourceType: 'ServiceRequest',
        id: 'mr-brain-draft',
        status: 'draft',
        intent: 'order',
        subject: { reference: 'Patient/cns-parenchymal' },
        code: { coding: [{ system: 'http://loinc.org', code: '24590-2', display: 'MR Brain' }] },
      },
    });
    const [card] = await cards('emd-imaging-order-sign', { ...body, context });
    expect(suggestionLabels(card)).toEqual(['MRI whole spine with and without gadolinium']);
    const actions = card?.suggestions?.[0]?.actions ?? [];
    expect(actions.map((a) => a.description)).toEqual([
      'MRI whole spine with and without gadolinium',
    ]);
  });

  // Rules page §2: "Resources whose subject is not the hook's context.patientId are dropped",
  // with references resolved, `urn:uuid` ones of a transaction Bundle too.
  describe('a draft whose subject is a Patient entry of the draftOrders Bundle, by urn:uuid', () => {
    const withPatientEntry = (patientId: string) => {
      const body = readExampleRequest('emd-skin-at-diagnosis', 'order-sign');
      const context = structuredClone(body.context) as {
        draftOrders: { entry: { fullUrl?: string; resource: object }[] };
      };
      const patientUrl = 'urn:uuid:0b4c2a9e-6a57-4a8e-9a64-1f3d3c9d2e11';
      for (const entry of context.draftOrders.entry)
        (entry.resource as fhir4.ServiceRequest).subject = { reference: patientUrl };
      context.draftOrders.entry.unshift({
        fullUrl: patientUrl,
        resource: { resourceType: 'Patient', id: patientId },
      });
      return cards('emd-imaging-order-sign', { ...body, context });
    };

    it('gives no card when that Patient is another patient', async () => {
      expect(await withPatientEntry('someone-else')).toEqual([]);
    });

    it('gives the card when that Patient is the patient of the call', async () => {
      expect(summary(await withPatientEntry('emd-skin-at-diagnosis'))).toEqual([
        ['emd-imaging-order', 'info'],
      ]);
    });
  });

  it('proposes nothing already covered: recent PET/CT means no PET/CT suggestion', async () => {
    const [card] = await order('emd-liver-kidney-relapse');
    expect(card?.indicator).toBe('info');
    expect(card?.suggestions).toBeUndefined();
  });

  it.each(['paraskeletal-only', 'no-myeloma', 'refuted-plasmacytoma'])(
    'stays quiet for %s',
    async (patient) => {
      expect(await order(patient)).toEqual([]);
    },
  );

  it('stays quiet for a draft that is not an imaging order', async () => {
    const body = readExampleRequest('emd-skin-at-diagnosis', 'order-select');
    const context = structuredClone(body.context) as {
      draftOrders: { entry: { resource: fhir4.ServiceRequest }[] };
    };
    const draft = context.draftOrders.entry[0]?.resource;
    if (!draft) throw new Error('example changed: no draft order');
    draft.code = { coding: [{ system: 'http://loinc.org', code: '2345-7', display: 'Glucose' }] };
    expect(await cards('emd-imaging-order-select', { ...body, context })).toEqual([]);
  });

  it('on order-select, looks only at the selected orders', async () => {
    const body = readExampleRequest('emd-skin-at-diagnosis', 'order-select');
    const context = structuredClone(body.context) as {
      selections: string[];
      draftOrders: { entry: { resource: { resourceType: string; id?: string } }[] };
    };
    // The user selected a lab order; the imaging draft is in the Bundle, not selected.
    context.draftOrders.entry.push({
      resource: { resourceType: 'MedicationRequest', id: 'dex-1' },
    });
    context.selections = ['MedicationRequest/dex-1'];
    expect(await cards('emd-imaging-order-select', { ...body, context })).toEqual([]);
  });

  // Rules page §1: "phase-aware text; a site atypical for the phase is said so", and the card
  // text rules: the detail names "the phase with its typical sites and incidence range". The
  // imaging-order card said "not a typical site for this phase" without naming the phase.
  it.each([
    ['en', '**Phase: at diagnosis.**', 'skin and soft tissues', '0.5–4.8 %'],
    ['zh-CN', '**阶段：诊断时**', '皮肤和软组织', '0.5%至4.8%'],
  ])(
    'the imaging-order card names the phase, its typical sites and incidence (%s)',
    async (locale, ...said) => {
      const response = await request(testApp())
        .post('/cds-services/emd-imaging-order-select')
        .set('Accept-Language', locale)
        .send(readExampleRequest('emd-skin-at-diagnosis', 'order-select'));
      expect(response.status).toBe(200);
      const [card] = expectValidHookResponse(response.body).cards;
      expect(card?.extension?.[CARD_EXTENSION.ruleId]).toBe('emd-imaging-order');
      for (const words of said) expect(card?.detail).toContain(words);
    },
  );

  // An order the hook is about (order-select's selection, every order of order-sign) whose
  // code is no CodeableConcept cannot be read: 400 naming it, not 200 and no card.
  describe('an order the hook is about that cannot be read', () => {
    const withFirstDraftCode = (hook: 'order-select' | 'order-sign', code: unknown) => {
      const body = readExampleRequest('emd-skin-at-diagnosis', hook);
      const context = structuredClone(body.context) as {
        draftOrders: { entry: { resource: Record<string, unknown> }[] };
      };
      const [first] = context.draftOrders.entry;
      if (!first) throw new Error('example changed: no draft order');
      first.resource.code = code;
      return { ...body, context };
    };
    const malformedCode = [{ coding: [{ system: 'http://loinc.org', code: '46305-9' }] }];

    it.each([
      ['order-select', 'emd-imaging-order-select'],
      ['order-sign', 'emd-imaging-order-sign'],
    ] as const)('%s: 400 naming the code that is a list', async (hook, service) => {
      const response = await request(testApp())
        .post(`/cds-services/${service}`)
        .send(withFirstDraftCode(hook, malformedCode));
      expect(response.status).toBe(400);
      const { issue } = response.body as { issue: { expression?: string[] }[] };
      expect(issue.map((i) => i.expression?.[0])).toContain(
        'context.draftOrders.entry[0].resource.code',
      );
    });

    // H116: doNotPerform changes what the order means, so one that is not a boolean is no
    // order the service can read.
    it.each(['true', 1, null])('order-sign: 400 naming a doNotPerform of %j', async (value) => {
      const body = withFirstDraftCode('order-sign', {
        coding: [{ system: 'http://loinc.org', code: '46305-9' }],
      });
      const [first] = (body.context as { draftOrders: { entry: { resource: object }[] } })
        .draftOrders.entry;
      Object.assign(first?.resource ?? {}, { doNotPerform: value });
      const response = await request(testApp())
        .post('/cds-services/emd-imaging-order-sign')
        .send(body);
      expect(response.status).toBe(400);
      const { issue } = response.body as { issue: { expression?: string[] }[] };
      expect(issue.map((i) => i.expression?.[0])).toContain(
        'context.draftOrders.entry[0].resource.doNotPerform',
      );
    });

    it('order-select: an unreadable order that is not selected is left out, and the card stays', async () => {
      const body = readExampleRequest('emd-skin-at-diagnosis', 'order-select');
      const context = structuredClone(body.context) as {
        draftOrders: { entry: { resource: Record<string, unknown> }[] };
      };
      context.draftOrders.entry.push({
        resource: {
          resourceType: 'ServiceRequest',
          id: 'odd-1',
          status: 'draft',
          code: malformedCode,
        },
      });
      const list = await cards('emd-imaging-order-select', { ...body, context });
      expect(summary(list)).toEqual([['emd-imaging-order', 'info']]);
    });
  });

  // FHIR R4 Bundle.entry.resource is 0..1: a transaction's DELETE entry holds no resource and
  // names no order being written; the orders beside it are read as ever.
  it.each([
    ['order-select', 'emd-imaging-order-select'],
    ['order-sign', 'emd-imaging-order-sign'],
  ] as const)(
    '%s: an entry with no resource is passed over, and the card stays',
    async (hook, service) => {
      const body = readExampleRequest('emd-skin-at-diagnosis', hook);
      const context = structuredClone(body.context) as { draftOrders: { entry: object[] } };
      context.draftOrders.entry.push({
        request: { method: 'DELETE', url: 'ServiceRequest/old-ct' },
      });
      const list = await cards(service, { ...body, context });
      expect(summary(list)).toEqual([['emd-imaging-order', 'info']]);
    },
  );

  // CDS Hooks order-select: selections "reference FHIR resources in the draftOrders Bundle";
  // one that names nothing there is a request the hook does not allow: 400 naming it.
  it('refuses a selection that names no entry of the Bundle, naming it', async () => {
    const body = readExampleRequest('emd-skin-at-diagnosis', 'order-select');
    const context = { ...(body.context as object), selections: ['ServiceRequest/something-else'] };
    const response = await request(testApp())
      .post('/cds-services/emd-imaging-order-select')
      .send({ ...body, context });
    expect(response.status).toBe(400);
    const [issue] = (response.body as { issue: { expression?: string[]; diagnostics: string }[] })
      .issue;
    expect(issue?.expression).toEqual(['context.selections[0]']);
    expect(issue?.diagnostics).toContain('names no entry of context.draftOrders');
  });

  // CDS Hooks order-select: "The selections field references FHIR resources in the draftOrders
  // Bundle"; FHIR R4 Bundle §Resolving references in Bundles: a reference names an entry by its
  // fullUrl, or by Type/id (absolute, or with /_history/). A draft not yet saved has no id: its
  // fullUrl (urn:uuid) is its only name. Rules page §4 emd-imaging-order: the selected draft
  // imaging order makes the card fire, and the card's evidence names it.
  describe('a selection that names its draft as the draftOrders Bundle does', () => {
    const draftUrl = 'urn:uuid:7d7c1a52-3a1e-4c59-9b55-2c0f0f5e8a41';
    const selecting = (selection: string, entry: { fullUrl?: string; id?: string }) => {
      const body = readExampleRequest('emd-skin-at-diagnosis', 'order-select');
      const context = structuredClone(body.context) as {
        selections: string[];
        draftOrders: { entry: { fullUrl?: string; resource: fhir4.ServiceRequest }[] };
      };
      const [first] = context.draftOrders.entry;
      if (!first) throw new Error('example changed: no draft order');
      const { id: _exampleId, ...resource } = first.resource;
      context.draftOrders.entry = [
        {
          ...(entry.fullUrl === undefined ? {} : { fullUrl: entry.fullUrl }),
          resource: { ...resource, ...(entry.id === undefined ? {} : { id: entry.id }) },
        },
      ];
      context.selections = [selection];
      return cards('emd-imaging-order-select', { ...body, context });
    };
    const evidence = (list: Card[]) => list[0]?.extension?.[CARD_EXTENSION.evidence] as string[];

    it('a draft with no id, selected by its urn:uuid fullUrl: the card, citing that fullUrl', async () => {
      const list = await selecting(draftUrl, { fullUrl: draftUrl });
      expect(summary(list)).toEqual([['emd-imaging-order', 'info']]);
      expect(suggestionLabels(list[0])).toEqual(['Order whole-body FDG PET/CT']);
      expect(evidence(list)).toContain(draftUrl);
      expect(evidence(list)).not.toContain('ServiceRequest/?');
    });

    it('a draft with an id, selected by its urn:uuid fullUrl: the card, citing its id', async () => {
      const list = await selecting(draftUrl, { fullUrl: draftUrl, id: 'ct-1' });
      expect(summary(list)).toEqual([['emd-imaging-order', 'info']]);
      expect(evidence(list)).toContain('ServiceRequest/ct-1');
    });

    it.each([
      ['its absolute URL', 'https://ehr.example.org/fhir/ServiceRequest/ct-1'],
      ['a versioned reference', 'ServiceRequest/ct-1/_history/2'],
    ])('a draft selected by %s: the card', async (_form, selection) => {
      const list = await selecting(selection, {
        fullUrl: 'https://ehr.example.org/fhir/ServiceRequest/ct-1',
        id: 'ct-1',
      });
      expect(summary(list)).toEqual([['emd-imaging-order', 'info']]);
    });

    it('a selection naming no entry of the Bundle: 400', async () => {
      const body = readExampleRequest('emd-skin-at-diagnosis', 'order-select');
      const context = structuredClone(body.context) as {
        selections: string[];
        draftOrders: { entry: { fullUrl?: string }[] };
      };
      context.draftOrders.entry = context.draftOrders.entry.map((e) => ({
        ...e,
        fullUrl: draftUrl,
      }));
      context.selections = ['urn:uuid:0f9e6a0c-5d1b-4f38-8f4e-3f7b8d7a9c11'];
      const response = await request(testApp())
        .post('/cds-services/emd-imaging-order-select')
        .send({ ...body, context });
      expect(response.status).toBe(400);
    });
  });

  // Rules page §4: the card's evidence names the draft orders that made it fire.
  it('order-sign: a draft with no id is cited by its fullUrl', async () => {
    const body = readExampleRequest('emd-skin-at-diagnosis', 'order-sign');
    const context = structuredClone(body.context) as {
      draftOrders: { entry: { fullUrl?: string; resource: fhir4.ServiceRequest }[] };
    };
    const draftUrl = 'urn:uuid:2b1f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
    context.draftOrders.entry = context.draftOrders.entry.map(({ resource }) => {
      const { id: _id, ...rest } = resource;
      return { fullUrl: draftUrl, resource: rest };
    });
    const [card] = await cards('emd-imaging-order-sign', { ...body, context });
    const evidence = card?.extension?.[CARD_EXTENSION.evidence] as string[] | undefined;
    expect(evidence).toContain(draftUrl);
    expect(evidence).not.toContain('ServiceRequest/?');
  });

  it('returns 400 naming context.draftOrders when it is not a Bundle', async () => {
    const body = readExampleRequest('emd-skin-at-diagnosis', 'order-sign');
    const response = await request(testApp())
      .post('/cds-services/emd-imaging-order-sign')
      .send({ ...body, context: { ...(body.context as object), draftOrders: [] } });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toMatch(/context\.draftOrders/);
  });
});

describe('emd-reported-not-listed', () => {
  const reportedCard = (list: Card[]) =>
    list.find((c) => c.extension?.[CARD_EXTENSION.ruleId] === 'emd-reported-not-listed');

  it('fires for a recent report showing a liver plasmacytoma that no Condition lists, and suggests adding it', async () => {
    const card = reportedCard(
      await cards('emd-patient-view', skinExampleWithReport(liverReport('2026-10-15'))),
    );
    expect(card?.indicator).toBe('info');
    expect(card?.detail).toMatch(/Liver structure/);
    const resource = card?.suggestions?.[0]?.actions?.[0]?.resource;
    expect(resource).toMatchObject({
      resourceType: 'Condition',
      subject: { reference: 'Patient/emd-skin-at-diagnosis' },
      verificationStatus: { coding: [{ code: 'provisional' }] },
      bodySite: [{ coding: [{ code: '10200004' }] }],
      evidence: [{ detail: [{ reference: 'DiagnosticReport/new-ct-report' }] }],
    });
  });

  it('stays quiet for a report older than the lookback', async () => {
    expect(
      reportedCard(
        await cards('emd-patient-view', skinExampleWithReport(liverReport('2026-01-15'))),
      ),
    ).toBeUndefined();
  });

  it('stays quiet when a finding already has the same code and site', async () => {
    const report = liverReport('2026-10-15');
    report.conclusionCode = [
      { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'C90.20' }] },
      {
        coding: [{ system: 'http://snomed.info/sct', code: '39937001', display: 'Skin structure' }],
      },
    ];
    expect(
      reportedCard(await cards('emd-patient-view', skinExampleWithReport(report))),
    ).toBeUndefined();
  });

  it('stays quiet for the example reports, which the findings cite', async () => {
    expect(
      reportedCard(await cards('emd-patient-view', readExampleRequest('emd-skin-at-diagnosis'))),
    ).toBeUndefined();
  });
});
