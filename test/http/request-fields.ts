/**
 * Every field of a hook request the service reads (issue #19's list: references, ids,
 * codes, systems, texts, dates, fullUrls, context fields, `fhirServer`), each as a way to
 * put a long value into a real example request (cds-hooks/examples/).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/config/project-paths.js';
import { HOOK_SERVICES, type FuzzHook } from '../fuzz/requests.js';

type Body = Record<string, unknown>;
type Path = readonly (string | number)[];

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

/** Sets the value at `path` (object keys and array indexes) in `body`. */
function put(body: Body, path: Path, value: unknown): void {
  let node: unknown = body;
  for (const key of path.slice(0, -1)) node = (node as Record<string | number, unknown>)[key];
  const last = path.at(-1);
  if (last === undefined) throw new Error('empty path');
  (node as Record<string | number, unknown>)[last] = value;
}

/** A field set to the long value itself, at `path` of the example in `source`. */
const at = (name: string, source: readonly [string, string], path: Path): Field =>
  field(name, source, (body, value) => {
    put(body, path, value);
  });

// The emd-and-cns example's second Condition is a plasmacytoma with a body site and evidence.
const FINDING = ['prefetch', 'conditions', 'entry', 1, 'resource'] as const;
const REPORT = ['prefetch', 'imagingReports', 'entry', 0, 'resource'] as const;
const STUDY = ['prefetch', 'study'] as const;

export const FIELDS: readonly Field[] = [
  at('Condition.subject.reference', REVIEW, [...FINDING, 'subject', 'reference']),
  at('Condition.evidence.detail.reference', REVIEW, [
    ...FINDING,
    'evidence',
    0,
    'detail',
    0,
    'reference',
  ]),
  at('DiagnosticReport.imagingStudy.reference', REVIEW, [
    ...REPORT,
    'imagingStudy',
    0,
    'reference',
  ]),
  at('Condition.id', REVIEW, [...FINDING, 'id']),
  at('Bundle.entry.fullUrl', REVIEW, ['prefetch', 'conditions', 'entry', 1, 'fullUrl']),
  at('Condition.code.coding.code', REVIEW, [...FINDING, 'code', 'coding', 0, 'code']),
  at('Condition.code.coding.system', REVIEW, [...FINDING, 'code', 'coding', 0, 'system']),
  at('Condition.code.coding.display', REVIEW, [...FINDING, 'code', 'coding', 0, 'display']),
  at('Condition.code.text', REVIEW, [...FINDING, 'code', 'text']),
  at('Condition.bodySite.text', REVIEW, [...FINDING, 'bodySite', 0, 'text']),
  field('Condition.clinicalStatus.text', REVIEW, (body, value) => {
    put(body, [...FINDING, 'clinicalStatus'], { text: value });
  }),
  at('Condition.onsetDateTime', REVIEW, [...FINDING, 'onsetDateTime']),
  at('DiagnosticReport.conclusionCode.coding.code', REVIEW, [
    ...REPORT,
    'conclusionCode',
    0,
    'coding',
    0,
    'code',
  ]),
  at('ImagingStudy.description', REVIEW, [...STUDY, 'description']),
  at('ImagingStudy.series.bodySite.code', REVIEW, [...STUDY, 'series', 0, 'bodySite', 'code']),
  at('context.patientId', REVIEW, ['context', 'patientId']),
  at('context.userId', REVIEW, ['context', 'userId']),
  at('context.imagingStudyId', REVIEW, ['context', 'imagingStudyId']),
  at('context.encounterId', REVIEW, ['context', 'encounterId']),
  field('context.selections', ORDER, (body, value) => {
    put(body, ['context', 'selections'], [value]);
  }),
  at('context.draftOrders ServiceRequest.code.text', ORDER, [
    'context',
    'draftOrders',
    'entry',
    0,
    'resource',
    'code',
    'text',
  ]),
  at('hook', REVIEW, ['hook']),
  field('fhirServer', REVIEW, (body, value) => {
    body.fhirServer = `https://ehr.example.org/${value}`;
    delete body.prefetch; // so the service would have to read from it
  }),
];
