/**
 * Reads the launched patient's record through fhirclient (every page of each search), checks
 * every resource with the service's own shapes and judges the malformed ones as the service
 * does (src/cds/malformed-data.ts, H37, H51), and builds the record with the service's own
 * buildPatientRecord. The Conditions are required; imaging studies and reports are optional,
 * as for the service (rules page §2): if they cannot be read, or one of them is malformed, the
 * timeline says so and shows the rest. A malformed Condition a rule might read makes the
 * service refuse the patient (412, no card): the timeline then draws nothing either.
 *
 * Data sent only in part (marked SUBSETTED, H108) is not read as whole, as by the service, and
 * the timeline has no second source to read it afresh from: a Condition so sent is named as one
 * the service cannot read (the service reads it afresh or answers 412), and a study or report
 * so sent makes the studies or reports not read, each search as a whole (src/fhir/subsetted.ts).
 * So does a search with a result that carries no resource, or whose server says it may be
 * incomplete (H131): a Conditions search so answered fails the read, as the service answers 412.
 * Results withheld by the server's rules (issue type `suppressed`) are read past, as there.
 */
import type { GatheredResource, MalformedResource } from '../../src/cds/malformed-data.js';
import { isBundle, resourceTypeOf } from '../../src/rules/fhir-resource-type.js';
import {
  isCertainlyValidResource,
  isFhirId,
  isResourceTypeName,
} from '../../src/fhir/resource-fast-check.js';
import {
  buildPatientRecord,
  type DataGap,
  type PatientRecord,
  type SourcedResource,
} from '../../src/rules/patient-record.js';
import type { RuleSettings } from '../../src/rules/types.js';
import { entryFailure } from '../../src/fhir/search-failures.js';
import { isSentInPart } from '../../src/fhir/subsetted.js';
import { timelineQueries } from './fhir-queries.js';

export type PatientRead =
  | { kind: 'read'; record: PatientRecord }
  | {
      kind: 'unreadable';
      /**
       * Each malformed Condition a rule might read, named by its `Type/id` (no id when it has
       * no well-formed one) and the fields that are wrong: never by its content.
       */
      references: readonly MalformedReference[];
    };

export interface MalformedReference {
  resourceType: string;
  id: string | undefined;
  /** Where the service's shapes find it wrong, as FHIRPath (src/cds/malformed-data.ts). */
  fields: readonly string[];
  /** Marked SUBSETTED (H108): sent only in part, so not read, whatever its fields. */
  sentInPart?: true;
}

/**
 * What the timeline asks of fhirclient's Client: requests, a search with every page. Named
 * here rather than imported: fhirclient's types resolve only under the browser's tsconfig, and
 * Node tests (test/web/) stand in for the FHIR server.
 */
export interface FhirRequests {
  request(url: string, options?: { pageLimit?: number; flat?: boolean }): Promise<unknown>;
}

async function searchAll(client: FhirRequests, query: string): Promise<unknown[]> {
  // pageLimit 0: follow every `next` link; flat: the entries' resources as one list.
  const answer = await client.request(query, { pageLimit: 0, flat: true });
  const resources = Array.isArray(answer) ? (answer as unknown[]) : [];
  // An entry without a resource is a result not sent (FHIR R4 bdl-5), never no data, as for the
  // service (src/fhir/parse-fhir-data.ts, H131): `flat` keeps no search mode, so any counts.
  if (resources.some((resource) => resource === undefined || resource === null))
    throw new Error('the search sent a result without its resource');
  // A page that reports an error, or that its server says lacks results, is a search not had,
  // never fewer data, as for the service (src/fhir/search-failures.ts, H131): the timeline
  // then says what it could not read.
  if (resources.some((resource, index) => entryFailure({ resource }, index) !== undefined))
    throw new Error('the search reported an error');
  return resources;
}

export async function readPatientRecord(
  client: FhirRequests,
  patientId: string,
  settings: RuleSettings,
): Promise<PatientRead> {
  const queries = timelineQueries(patientId);
  const gaps = new Set<DataGap>();
  const notHad = (gap: DataGap): unknown[] => {
    gaps.add(gap);
    return [];
  };
  // A search holding a resource sent in part is not had as a whole, as by the service (H108).
  const optional = (query: string, gap: DataGap) =>
    searchAll(client, query).then(
      (resources) => (resources.some(isSentInPart) ? notHad(gap) : resources),
      () => notHad(gap),
    );
  const [patient, conditions, studies, reports] = await Promise.all([
    client.request(queries.patient).catch(() => undefined),
    searchAll(client, queries.conditions),
    optional(queries.imagingStudies, 'ImagingStudy'),
    optional(queries.imagingReports, 'DiagnosticReport'),
  ]);
  const inPart = sentInPartReferences(conditions);
  if (inPart.length > 0) return { kind: 'unreadable', references: inPart };
  const from = (type: string) => (resource: unknown) => ({ resource, from: type });
  const gathered: GatheredResource[] = [
    // The service uses the read only when it is a valid Patient (display only).
    ...(resourceTypeOf(patient) === 'Patient' ? [from('Patient')(patient)] : []),
    ...conditions.map(from('Condition')),
    ...studies.map(from('ImagingStudy')),
    ...reports.map(from('DiagnosticReport')),
  ];
  const checked = await checkedData(gathered, settings);
  if (checked.refusedBy.length > 0)
    return { kind: 'unreadable', references: checked.refusedBy.map(referenceOf) };
  for (const gap of checked.gaps) gaps.add(gap);
  return { kind: 'read', record: buildPatientRecord(patientId, checked.resources, gaps) };
}

/**
 * The resources that pass the service's shapes, and what the others do (src/cds/malformed-data.ts).
 * Almost every record passes the fast check, which needs no zod; the zod schemas, which word
 * what is wrong, and about 25 KB of the compressed app with them, load only for a record with a
 * resource it does not accept (a chunk of its own, fetched then).
 */
async function checkedData(
  gathered: readonly GatheredResource[],
  settings: RuleSettings,
): Promise<{ resources: SourcedResource[]; refusedBy: MalformedResource[]; gaps: Set<DataGap> }> {
  const passes = ({ resource }: GatheredResource) =>
    !isBundle(resource) && isCertainlyValidResource(resource);
  if (gathered.every(passes))
    return {
      resources: gathered.map(({ resource }) => ({ resource: resource as fhir4.Resource })),
      refusedBy: [],
      gaps: new Set(),
    };
  const { checkGathered, judgeMalformed } = await import('../../src/cds/malformed-data.js');
  const checked = checkGathered(gathered);
  const judged = judgeMalformed(checked.malformed, settings);
  return { resources: checked.resources, refusedBy: judged.refusedBy, gaps: judged.gaps };
}

/**
 * The Conditions' entries sent in part (H108): the service would read them afresh or answer 412,
 * so they are named as a malformed Condition is, by `Type/id` only.
 */
function sentInPartReferences(conditions: readonly unknown[]): MalformedReference[] {
  return conditions.filter(isSentInPart).map((resource) => ({
    ...referenceOf({ resource, from: 'Condition', fields: [] }),
    sentInPart: true,
  }));
}

// A type or id that is not one as the service's shapes accept it is shown as missing rather
// than repeated, so no content reaches the page.
function referenceOf({ resource, fields }: MalformedResource): MalformedReference {
  const type = resourceTypeOf(resource);
  const id = typeof resource === 'object' ? (resource as { id?: unknown } | null)?.id : undefined;
  return {
    // An entry of the Condition search that names no type of its own is one of its Conditions.
    resourceType: isResourceTypeName(type) ? type : 'Condition',
    id: isFhirId(id) ? id : undefined,
    fields,
  };
}
