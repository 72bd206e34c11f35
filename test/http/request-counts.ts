/**
 * Every list in a hook request whose length the service walks, each as a way to give a real
 * example request (cds-hooks/examples/) `count` items in it: codes, sites, evidence, series,
 * resources of each kind, draft orders and selections, and two lists grown together (a walk
 * of one inside the other). The items are copies of the example's own, renamed where a copy
 * must be another resource.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/config/project-paths.js';
import { HOOK_SERVICES } from '../fuzz/requests.js';

type Body = Record<string, unknown>;
type Resource = Record<string, unknown> & { id?: string };
interface Entry {
  fullUrl?: string;
  resource: Resource;
}

export interface CountedList {
  name: string;
  serviceId: string;
  /** Items in the small request, when not the default: the large one must fit the body limit. */
  smallCount?: number;
  /** The example request with `count` items in this list. */
  build(count: number): Body;
}

function example(folder: string, file: string): Body {
  return JSON.parse(
    readFileSync(join(PROJECT_ROOT, 'cds-hooks', 'examples', folder, file), 'utf8'),
  ) as Body;
}

const REVIEW_SERVICE = HOOK_SERVICES['org.emd-cds.imagingstudy-review'].serviceId;
const review = (): Body => example('imagingstudy-review', 'emd-and-cns-mr1.json');
const orderSelect = (): Body => example('order-select', 'emd-and-cns.json');
const orderSign = (): Body => example('order-sign', 'emd-and-cns.json');

const times = <T>(count: number, item: (i: number) => T): T[] =>
  Array.from({ length: count }, (_, i) => item(i));

/** The entries of a prefetch searchset Bundle, or of the order hooks' draftOrders. */
function entriesOf(body: Body, ...path: string[]): Entry[] {
  let node: unknown = body;
  for (const key of path) node = (node as Record<string, unknown>)[key];
  return (node as { entry: Entry[] }).entry;
}

const conditions = (body: Body) => entriesOf(body, 'prefetch', 'conditions');
const reports = (body: Body) => entriesOf(body, 'prefetch', 'imagingReports');
const studies = (body: Body) => entriesOf(body, 'prefetch', 'imagingStudies');
/** The example's plasmacytoma of the pericardium, with a site and evidence. */
const finding = (body: Body): Resource => (conditions(body)[1] as Entry).resource;
const report = (body: Body): Resource => (reports(body)[0] as Entry).resource;
const study = (body: Body): Resource => (body.prefetch as Body).study as Resource;

const copy = <T>(value: T): T => structuredClone(value);
/** `count` copies of `entry`, each another resource (its id and fullUrl numbered). */
function renamed(entry: Entry, count: number): Entry[] {
  return times(count, (i) => {
    const id = `${String(entry.resource.id)}-${String(i)}`;
    const { resourceType } = entry.resource;
    return {
      ...copy(entry),
      fullUrl: `https://ehr.example.org/fhir/${String(resourceType)}/${id}`,
      resource: { ...copy(entry.resource), id },
    };
  });
}

/** The example with `grow` applied to a fresh copy. */
const counted = (
  name: string,
  serviceId: string,
  source: () => Body,
  grow: (body: Body, count: number) => void,
  smallCount?: number,
): CountedList => ({
  name,
  serviceId,
  ...(smallCount === undefined ? {} : { smallCount }),
  build(count) {
    const body = source();
    grow(body, count);
    return body;
  },
});

/** The order hooks' Bundle of `count` draft imaging orders, each its own ServiceRequest. */
function draftOrders(body: Body, count: number): Entry[] {
  const draftBundle = (body.context as Body).draftOrders as { entry: Entry[] };
  draftBundle.entry = renamed(draftBundle.entry[0] as Entry, count);
  return draftBundle.entry;
}

const ORDER_SELECT = HOOK_SERVICES['order-select'].serviceId;

export const COUNTED_LISTS: readonly CountedList[] = [
  counted(
    'DiagnosticReport.conclusionCode',
    REVIEW_SERVICE,
    review,
    (body, count) => {
      const [code] = report(body).conclusionCode as unknown[];
      report(body).conclusionCode = times(count, () => copy(code));
    },
    // A code is small, and each is compared with few others: more of them to tell a walk of
    // the list inside itself from the request's own cost.
    1_000,
  ),
  counted('Condition.code.coding', REVIEW_SERVICE, review, (body, count) => {
    const code = finding(body).code as { coding: unknown[] };
    code.coding = times(count, () => copy(code.coding[0]));
  }),
  counted('Condition.bodySite', REVIEW_SERVICE, review, (body, count) => {
    const [site] = finding(body).bodySite as unknown[];
    finding(body).bodySite = times(count, () => copy(site));
  }),
  counted('Condition.bodySite.coding', REVIEW_SERVICE, review, (body, count) => {
    const [site] = finding(body).bodySite as { coding: unknown[] }[];
    if (site) site.coding = times(count, () => copy(site.coding[0]));
  }),
  counted('Condition.evidence.detail', REVIEW_SERVICE, review, (body, count) => {
    const [evidence] = finding(body).evidence as { detail: unknown[] }[];
    if (evidence) evidence.detail = times(count, () => copy(evidence.detail[0]));
  }),
  counted('Conditions', REVIEW_SERVICE, review, (body, count) => {
    conditions(body).push(...renamed(conditions(body)[1] as Entry, count));
  }),
  counted('Conditions with one id', REVIEW_SERVICE, review, (body, count) => {
    const entry = conditions(body)[1] as Entry;
    conditions(body).push(...times(count, () => copy(entry)));
  }),
  counted('DiagnosticReports', REVIEW_SERVICE, review, (body, count) => {
    reports(body).push(...renamed(reports(body)[0] as Entry, count));
  }),
  counted('DiagnosticReport.imagingStudy', REVIEW_SERVICE, review, (body, count) => {
    const [reference] = report(body).imagingStudy as unknown[];
    report(body).imagingStudy = times(count, () => copy(reference));
  }),
  counted('ImagingStudies', REVIEW_SERVICE, review, (body, count) => {
    studies(body).push(...renamed(studies(body)[0] as Entry, count));
  }),
  counted('ImagingStudy.series', REVIEW_SERVICE, review, (body, count) => {
    const [series] = study(body).series as unknown[];
    study(body).series = times(count, () => copy(series));
  }),
  counted(
    'Conditions and DiagnosticReports, together',
    REVIEW_SERVICE,
    review,
    (body, count) => {
      conditions(body).push(...renamed(conditions(body)[1] as Entry, count));
      reports(body).push(...renamed(reports(body)[0] as Entry, count));
    },
    // Two lists of 3,000 would pass the 5 MB body limit.
    150,
  ),
  // H94: half the copies resolved (each abated on another day), half with no status and dated
  // before: every status-less one is compared with the finding's history.
  counted(
    'Conditions: status-less recordings beside resolved ones',
    REVIEW_SERVICE,
    review,
    (body, count) => {
      const entry = conditions(body)[1] as Entry;
      const resolved = renamed(entry, count / 2).map((copied, i) => {
        const { resource } = copied;
        resource.clinicalStatus = {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
              code: 'resolved',
            },
          ],
        };
        resource.abatementDateTime = new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10);
        return copied;
      });
      const { clinicalStatus, verificationStatus, onsetDateTime, ...undated } = entry.resource;
      const statusLessEntry: Entry = {
        resource: { ...copy(undated), id: `${String(entry.resource.id)}-status-less` },
      };
      statusLessEntry.resource.recordedDate = '2019-04-10';
      const statusLess = renamed(statusLessEntry, count / 2);
      conditions(body).push(...resolved, ...statusLess);
    },
  ),
  counted('order-select: draft orders, all selected', ORDER_SELECT, orderSelect, (body, count) => {
    const orders = draftOrders(body, count);
    (body.context as Body).selections = orders.map(
      ({ resource }) => `ServiceRequest/${String(resource.id)}`,
    );
  }),
  counted('order-select: draft orders, one selected', ORDER_SELECT, orderSelect, (body, count) => {
    const [first] = draftOrders(body, count);
    (body.context as Body).selections = [first?.fullUrl];
  }),
  counted(
    'order-select: one order selected again and again',
    ORDER_SELECT,
    orderSelect,
    (body, count) => {
      const [selection] = (body.context as Body).selections as string[];
      (body.context as Body).selections = times(count, () => selection);
    },
  ),
  counted(
    'order-sign: draft orders',
    HOOK_SERVICES['order-sign'].serviceId,
    orderSign,
    (body, count) => {
      draftOrders(body, count);
    },
  ),
];
