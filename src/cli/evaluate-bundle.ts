/**
 * `emd-cds evaluate`: runs a FHIR Bundle (an example patient's transaction Bundle, a
 * collection or a searchset) through the same pipeline as an HTTP hook call, and renders the
 * cards and, on request, why each rule fired or not.
 */
import { randomUUID } from 'node:crypto';
import { callService, type HookCallResult } from '../cds/hook-service.js';
import { IMAGING_REVIEW_HOOK } from '../cds/hooks.js';
import type { Card } from '../cds/response-schema.js';
import type { ServiceSettings } from '../config/settings.js';

export const CLI_HOOKS = ['patient-view', 'imaging-review', 'order-select', 'order-sign'] as const;
export type CliHook = (typeof CLI_HOOKS)[number];

export interface EvaluateOptions {
  hook: CliHook;
  patientId: string | undefined;
  studyId: string | undefined;
  locale: string;
  now: Date;
}

export async function evaluateBundle(
  bundle: fhir4.Bundle,
  settings: ServiceSettings,
  options: EvaluateOptions,
): Promise<HookCallResult> {
  const resources = (bundle.entry ?? []).flatMap((entry) =>
    entry.resource ? [entry.resource] : [],
  );
  const patients = resources.filter((r): r is fhir4.Patient => r.resourceType === 'Patient');
  const patientId = options.patientId ?? (patients.length === 1 ? patients[0]?.id : bundle.id);
  if (!patientId) throw new Error('cannot tell which patient to evaluate: pass --patient <id>');
  const hook = options.hook === 'imaging-review' ? IMAGING_REVIEW_HOOK : options.hook;
  const service = settings.services.find((s) => s.hook === hook);
  if (!service) throw new Error(`no service answers ${hook}`);

  // Every search key gets the whole Bundle: the patient record keeps each resource once,
  // drops other patients' resources and resolves urn:uuid references, as for any input.
  const prefetch: Record<string, unknown> = {
    patient: patients.find((p) => p.id === patientId) ?? null,
    conditions: bundle,
    imagingStudies: bundle,
    imagingReports: bundle,
  };
  const context: Record<string, unknown> = { userId: 'Practitioner/cli', patientId };
  if (options.hook === 'imaging-review') {
    const study = resources.find(
      (r) =>
        r.resourceType === 'ImagingStudy' &&
        (options.studyId === undefined || r.id === options.studyId),
    );
    if (!study?.id)
      throw new Error(
        options.studyId
          ? `no ImagingStudy ${options.studyId} in the Bundle`
          : 'no ImagingStudy in the Bundle: pass one, or --study <id>',
      );
    context.imagingStudyId = study.id;
    prefetch.study = study;
  }
  if (options.hook === 'order-select' || options.hook === 'order-sign') {
    const drafts = resources.filter(
      (r) => r.resourceType === 'ServiceRequest' && (r as fhir4.ServiceRequest).status === 'draft',
    );
    if (drafts.length === 0)
      throw new Error('no draft ServiceRequest in the Bundle to use as draftOrders');
    context.draftOrders = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: drafts.map((resource) => ({ resource })),
    };
    if (options.hook === 'order-select')
      context.selections = drafts.map((d) => `ServiceRequest/${d.id ?? ''}`);
  }
  return callService(
    service.id,
    { hook, hookInstance: randomUUID(), context, prefetch },
    {
      settings,
      now: options.now,
      locale: options.locale,
      newUuid: randomUUID,
      fhirAccess: () => ({ unusableBecause: 'the command line reads no FHIR server' }),
      // A dry run: nothing is audited and nothing is suppressed.
      audit: undefined,
      metrics: {
        ruleEvaluated: () => undefined,
        prefetchKey: () => undefined,
        fhirRead: () => undefined,
        clientError: () => undefined,
      },
    },
  );
}

export function renderCards(cards: readonly Card[]): string {
  if (cards.length === 0) return 'No cards.\n';
  return cards
    .map((card) => {
      const lines = [
        `[${card.indicator}] ${card.summary}  (${String(card.extension?.['org.emd-cds.rule-id'])})`,
      ];
      lines.push(
        `  evidence: ${((card.extension?.['org.emd-cds.evidence'] as string[] | undefined) ?? []).join(', ')}`,
      );
      if (card.detail) lines.push(...card.detail.split('\n').map((line) => `  | ${line}`));
      for (const suggestion of card.suggestions ?? [])
        lines.push(`  suggestion: ${suggestion.label}`);
      for (const link of card.links ?? []) lines.push(`  link: ${link.label} <${link.url}>`);
      return lines.join('\n');
    })
    .join('\n\n')
    .concat('\n');
}

export function renderExplain(result: HookCallResult): string {
  const { evaluation } = result;
  const lines = ['Why:'];
  for (const line of evaluation.trace)
    lines.push(`  ${line.reference ? `${line.reference}: ` : ''}${line.message}`);
  for (const outcome of evaluation.outcomes) {
    lines.push(
      `  ${outcome.ruleId}: ${outcome.fired ? `fired (${outcome.indicator ?? ''})` : 'not fired'}`,
    );
    for (const reason of outcome.explain) lines.push(`    - ${reason}`);
  }
  return `${lines.join('\n')}\n`;
}
