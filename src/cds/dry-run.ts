/**
 * A dry run: a FHIR Bundle (an example patient's transaction Bundle, a collection or a
 * searchset) through the same pipeline as an HTTP hook call, with nothing audited and
 * nothing suppressed. Used by `emd-cds evaluate` and by the console's dry run.
 */
import { randomUUID } from 'node:crypto';
import { ServiceError } from '../errors.js';
import type { ServiceSettings } from './service-settings.js';
import { newCardUuid } from './card-uuid.js';
import { callService, type HookCallResult } from './hook-service.js';
import { IMAGING_REVIEW_HOOK } from './hooks.js';
import { NO_METRICS } from './metrics.js';
import { resourceStatus } from '../rules/resource-status.js';
import { pathText } from '../path-text.js';
import { readableId } from './request-schema.js';
import { recordsDeletion, REQUEST_BUNDLE_TYPES } from '../fhir/search-failures.js';
import type { DryRunHook } from './dry-run-hooks.js';

export interface DryRunOptions {
  hook: DryRunHook;
  patientId: string | undefined;
  studyId: string | undefined;
  locale: string;
  now: Date;
  /** Who the hook call says is using the EHR (the CLI and the console name themselves). */
  userId?: string;
  /** The file the Bundle was read from (the CLI), named in messages; else the request's `bundle`. */
  bundleFile?: string;
}

/** A problem with the input, named by the field it concerns (400 over HTTP). */
function invalid(field: string, diagnostics: string): ServiceError {
  return new ServiceError('invalid-request', [
    { severity: 'error', code: 'invalid', diagnostics, expression: [field] },
  ]);
}

/** Runs the Bundle through the hook's service; throws ServiceError naming the field at fault. */
export async function evaluateBundle(
  bundle: fhir4.Bundle,
  settings: ServiceSettings,
  options: DryRunOptions,
): Promise<HookCallResult & { patientId: string }> {
  const resources = (bundle.entry ?? []).flatMap((entry) =>
    entry.resource ? [entry.resource] : [],
  );
  const patients = resources.filter((r): r is fhir4.Patient => r.resourceType === 'Patient');
  const patientId = options.patientId ?? bundlePatientId(bundle, patients.length, options);
  if (!patientId)
    throw invalid('patientId', 'cannot tell which patient to evaluate: name the patient id');
  const hook = options.hook === 'imaging-review' ? IMAGING_REVIEW_HOOK : options.hook;
  const service = settings.services.find((s) => s.hook === hook);
  if (!service) throw invalid('hook', `no service answers ${hook}`);

  // Each search key gets the Bundle's resources of its type, as a FHIR server's searches would
  // answer them: a malformed study then leaves the imaging checks off (a stated gap), as over
  // HTTP, and never refuses the Conditions. The Conditions key also holds every entry of no
  // searched type (the Patient a urn:uuid subject names, a BodyStructure a site cites): the
  // record resolves references across all keys, and keeps each resource once.
  const prefetch: Record<string, unknown> = {
    patient: patients.find((p) => p.id === patientId) ?? null,
    conditions: entriesOf(bundle, (type) => !SEARCHED_ELSEWHERE.has(type)),
    imagingStudies: entriesOf(bundle, (type) => type === 'ImagingStudy'),
    imagingReports: entriesOf(bundle, (type) => type === 'DiagnosticReport'),
  };
  const context: Record<string, unknown> = {
    userId: options.userId ?? 'Practitioner/cli',
    patientId,
  };
  if (options.hook === 'imaging-review') {
    const studyAt = (bundle.entry ?? []).findIndex(
      ({ resource: r }) =>
        r?.resourceType === 'ImagingStudy' &&
        (options.studyId === undefined || r.id === options.studyId),
    );
    const study = bundle.entry?.[studyAt]?.resource;
    if (!study?.id)
      throw invalid(
        'studyId',
        options.studyId
          ? `no ImagingStudy ${options.studyId} in the Bundle`
          : 'no ImagingStudy in the Bundle: add one, or name the study id',
      );
    if (options.studyId === undefined)
      checkBundleId(
        study.id,
        ['entry', studyAt, 'resource', 'id'],
        "the Bundle's ImagingStudy",
        options,
      );
    context.imagingStudyId = study.id;
    prefetch.study = study;
  }
  if (options.hook === 'order-select' || options.hook === 'order-sign') {
    const drafts = resources.filter(
      (r) =>
        r.resourceType === 'ServiceRequest' &&
        resourceStatus((r as fhir4.ServiceRequest).status) === 'draft',
    );
    if (drafts.length === 0)
      throw invalid('bundle', 'no draft ServiceRequest in the Bundle to use as draftOrders');
    context.draftOrders = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: drafts.map((resource) => ({ resource })),
    };
    if (options.hook === 'order-select')
      context.selections = drafts.map((d) => `ServiceRequest/${d.id ?? ''}`);
  }
  const result = await callService(
    service.id,
    { hook, hookInstance: randomUUID(), context, prefetch },
    {
      settings,
      now: options.now,
      locale: options.locale,
      newUuid: newCardUuid,
      fhirAccess: () => ({ unusableBecause: 'a dry run reads no FHIR server' }),
      // A dry run: nothing is audited and nothing is suppressed.
      audit: undefined,
      metrics: NO_METRICS,
    },
  );
  return { ...result, patientId };
}

/**
 * The patient the Bundle names when the caller names none: its only Patient's id, else the
 * Bundle's own id; undefined when neither is there.
 */
function bundlePatientId(
  bundle: fhir4.Bundle,
  patientCount: number,
  options: DryRunOptions,
): string | undefined {
  if (patientCount !== 1) {
    if (bundle.id !== undefined)
      checkBundleId(
        bundle.id,
        ['id'],
        "the Bundle's id, taken as the patient's as it holds no single Patient",
        options,
      );
    return bundle.id;
  }
  const at = (bundle.entry ?? []).findIndex((e) => e.resource?.resourceType === 'Patient');
  const id = bundle.entry?.[at]?.resource?.id;
  if (id !== undefined)
    checkBundleId(id, ['entry', at, 'resource', 'id'], "the Bundle's Patient", options);
  return id;
}

/**
 * An id taken from the Bundle, read as the hook reads the one it becomes (`readableId`, H110),
 * and refused naming where the Bundle has it: the user gave a Bundle (a file, the console's
 * `bundle`), and `context.patientId` of the hook call built from it names a field they never
 * wrote. The id itself is not quoted: it may be a patient's.
 */
function checkBundleId(
  id: unknown,
  path: readonly PropertyKey[],
  what: string,
  options: DryRunOptions,
): void {
  const parsed = readableId.safeParse(id);
  if (parsed.success) return;
  const problem = typeof id === 'string' ? parsed.error.issues[0]?.message : undefined;
  const where =
    options.bundleFile === undefined
      ? pathText(['bundle', ...path])
      : `${options.bundleFile}: ${pathText(path)}`;
  throw invalid(pathText(['bundle', ...path]), `${where}, ${what}: ${problem ?? 'must be an id'}`);
}

/**
 * Whether an entry with a `request` is a request to run, no one's data: in a transaction or a
 * batch, one with no resource or a DELETE (FHIR R4 §3.1.0.11.2: a transaction runs its DELETEs
 * before its PUTs and POSTs); elsewhere one with no resource, but for a DELETE, which records a
 * deletion there (a history's entries relabelled): left for the key's reader to refuse, as over
 * HTTP, where read past the Condition it deleted would be read as live (H145).
 */
function isRequestToRun(entry: fhir4.BundleEntry, isRequests: boolean): boolean {
  if (isRequests) return entry.resource === undefined || recordsDeletion(entry);
  return entry.resource === undefined && !recordsDeletion(entry);
}

/** The types a key other than the Conditions' searches for. */
const SEARCHED_ELSEWHERE: ReadonlySet<string> = new Set(['ImagingStudy', 'DiagnosticReport']);

/**
 * In a key's Bundle, the place of an entry that is none of its results: an include with no
 * resource, which a search answer's reader passes over, where an entry left empty would be a
 * result sent without its resource and refuse the key (H131).
 */
const NOT_THIS_KEYS: fhir4.BundleEntry = { search: { mode: 'include' } };

/**
 * The Bundle with only the entries whose resource type `keep` accepts (an entry without a
 * resource stays with the Conditions, as a search answer's would, but for a transaction's or a
 * batch's request such as a DELETE, which is no one's data); each other entry's place is kept
 * by NOT_THIS_KEYS, so that a problem is named at the entry the file holds it at (`entry[2]`).
 * Its `total` and links are not copied: they count the whole Bundle, and a total above the
 * entries kept would read as a capped search (H78).
 */
function entriesOf(bundle: fhir4.Bundle, keep: (type: string) => boolean): fhir4.Bundle {
  const isRequests = REQUEST_BUNDLE_TYPES.has(bundle.type);
  const entry = (bundle.entry ?? []).map((e) => {
    if (e.request !== undefined && isRequestToRun(e, isRequests)) return NOT_THIS_KEYS;
    const type: unknown = (e.resource as { resourceType?: unknown } | undefined)?.resourceType;
    return keep(typeof type === 'string' ? type : '') ? e : NOT_THIS_KEYS;
  });
  return { resourceType: 'Bundle', type: bundle.type, entry };
}
