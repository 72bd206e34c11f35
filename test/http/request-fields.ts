/**
 * Every field of a hook request the service reads (issue #19's list: references, ids,
 * codes, systems, texts, dates, fullUrls, context fields, `fhirServer`), each as a way to
 * put a long value into a real example request (cds-hooks/examples/).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/config/project-paths.js';
import { HOOK_SERVICES, type FuzzHook } from '../fuzz/requests.js';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- paths into example JSON, set by each field below

export interface Field {
  name: string;
  serviceId: string;
  /** The example request, with `value` put into this field. */
  build(value: string): Body;
}

/** What a long value is made of: the characters that patterns and loops over text trip on. */
export const FILLERS: Readonly<Record<string, string>> = {
  letters: 'a',
  slashes: '/',
  'a typed reference': 'Patient/1/_history/',
  blanks: ' \t',
  braces: '{{',
};

/** The request for `field` with a value of exactly `length` characters made of `filler`. */
export function requestWith(field: Field, filler: string, length: number): string {
  return JSON.stringify(
    field.build(filler.repeat(Math.ceil(length / filler.length)).slice(0, length)),
  );
}

function example(folder: string, file: string): Body {
  return JSON.parse(
    readFileSync(join(PROJECT_ROOT, 'cds-hooks', 'examples', folder, file), 'utf8'),
  ) as Body;
}

const REVIEW = ['imagingstudy-review', 'emd-and-cns-mr1.json'] as const;
const ORDER = ['order-select', 'emd-and-cns.json'] as const;
const HOOK_OF: Record<string, FuzzHook> = {
  'imagingstudy-review': 'org.emd-cds.imagingstudy-review',
  'order-select': 'order-select',
};

/** A field of the example in `source`, set by `put` on a fresh copy. */
function field(
  name: string,
  source: readonly [string, string],
  put: (body: Body, value: string) => void,
): Field {
  const hook = HOOK_OF[source[0]] ?? 'patient-view';
  return {
    name,
    serviceId: HOOK_SERVICES[hook].serviceId,
    build(value) {
      const body = example(...source);
      put(body, value);
      return body;
    },
  };
}

// The emd-and-cns example's second Condition is a plasmacytoma with a body site and evidence.
const finding = (body: Body): Body => body.prefetch.conditions.entry[1].resource as Body;
const findingEntry = (body: Body): Body => body.prefetch.conditions.entry[1] as Body;
const report = (body: Body): Body => body.prefetch.imagingReports.entry[0].resource as Body;

export const FIELDS: readonly Field[] = [
  field('Condition.subject.reference', REVIEW, (b, v) => (finding(b).subject.reference = v)),
  field('Condition.evidence.detail.reference', REVIEW, (b, v) => {
    finding(b).evidence[0].detail[0].reference = v;
  }),
  field('DiagnosticReport.imagingStudy.reference', REVIEW, (b, v) => {
    report(b).imagingStudy[0].reference = v;
  }),
  field('Condition.id', REVIEW, (b, v) => (finding(b).id = v)),
  field('Bundle.entry.fullUrl', REVIEW, (b, v) => (findingEntry(b).fullUrl = v)),
  field('Condition.code.coding.code', REVIEW, (b, v) => (finding(b).code.coding[0].code = v)),
  field('Condition.code.coding.system', REVIEW, (b, v) => (finding(b).code.coding[0].system = v)),
  field('Condition.code.coding.display', REVIEW, (b, v) => {
    finding(b).code.coding[0].display = v;
  }),
  field('Condition.code.text', REVIEW, (b, v) => (finding(b).code.text = v)),
  field('Condition.bodySite.text', REVIEW, (b, v) => (finding(b).bodySite[0].text = v)),
  field('Condition.clinicalStatus.text', REVIEW, (b, v) => {
    finding(b).clinicalStatus = { text: v };
  }),
  field('Condition.onsetDateTime', REVIEW, (b, v) => (finding(b).onsetDateTime = v)),
  field('DiagnosticReport.conclusionCode.coding.code', REVIEW, (b, v) => {
    report(b).conclusionCode[0].coding[0].code = v;
  }),
  field('ImagingStudy.description', REVIEW, (b, v) => (b.prefetch.study.description = v)),
  field('ImagingStudy.series.bodySite.code', REVIEW, (b, v) => {
    b.prefetch.study.series[0].bodySite.code = v;
  }),
  field('context.patientId', REVIEW, (b, v) => (b.context.patientId = v)),
  field('context.userId', REVIEW, (b, v) => (b.context.userId = v)),
  field('context.imagingStudyId', REVIEW, (b, v) => (b.context.imagingStudyId = v)),
  field('context.encounterId', REVIEW, (b, v) => (b.context.encounterId = v)),
  field('context.selections', ORDER, (b, v) => (b.context.selections = [v])),
  field('context.draftOrders ServiceRequest.code.text', ORDER, (b, v) => {
    b.context.draftOrders.entry[0].resource.code.text = v;
  }),
  field('hook', REVIEW, (b, v) => (b.hook = v)),
  field('fhirServer', REVIEW, (b, v) => {
    b.fhirServer = `https://ehr.example.org/${v}`;
    delete b.prefetch; // so the service would have to read from it
  }),
];
