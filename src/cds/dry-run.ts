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

export const DRY_RUN_HOOKS = [
  'patient-view',
  'imaging-review',
  'order-select',
  'order-sign',
] as const;
export type DryRunHook = (typeof DRY_RUN_HOOKS)[number];

export interface DryRunOptions {
  hook: DryRunHook;
  patientId: string | undefined;
  studyId: string | undefined;
  locale: string;
  now: Date;
  /** Who the hook call says is using the EHR (the CLI and the console name themselves). */
  userId?: string;
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
  const patientId = options.patientId ?? (patients.length === 1 ? patients[0]?.id : bundle.id);
  if (!patientId)
    throw invalid('patientId', 'cannot tell which patient to evaluate: name the patient id');
  const hook = options.hook === 'imaging-review' ? IMAGING_REVIEW_HOOK : options.hook;
  const service = settings.services.find((s) => s.hook === hook);
  if (!service) throw invalid('hook', `no service answers ${hook}`);

  // Every search key gets the whole Bundle: the patient record keeps each resource once,
  // drops other patients' resources and resolves urn:uuid references, as for any input.
  const prefetch: Record<string, unknown> = {
    patient: patients.find((p) => p.id === patientId) ?? null,
    conditions: bundle,
    imagingStudies: bundle,
    imagingReports: bundle,
  };
  const context: Record<string, unknown> = {
    userId: options.userId ?? 'Practitioner/cli',
    patientId,
  };
  if (options.hook === 'imaging-review') {
    const study = resources.find(
      (r) =>
        r.resourceType === 'ImagingStudy' &&
        (options.studyId === undefined || r.id === options.studyId),
    );
    if (!study?.id)
      throw invalid(
        'studyId',
        options.studyId
          ? `no ImagingStudy ${options.studyId} in the Bundle`
          : 'no ImagingStudy in the Bundle: add one, or name the study id',
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
