/**
 * CDS Service definitions (CDS Hooks 2.0 §Discovery), kept as JSON under cds-hooks/services/
 * so the discovery document is data; the code derives from each prefetch template what it
 * reads and whether the rules cannot run without it.
 */
import { z } from 'zod';
import type { FhirQueryTarget } from '../fhir/fhir-query.js';
import type { DataGap } from '../rules/patient-record.js';

export const serviceDefinitionSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  hook: z.string().min(1),
  title: z.string().min(1),
  description: z.string().min(1),
  prefetch: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/), z.string().min(1)).optional(),
  usageRequirements: z.string().min(1).optional(),
});
export type ServiceDefinition = z.infer<typeof serviceDefinitionSchema>;

/** One prefetch key: the FHIR interaction behind it and what its absence means. */
export interface DataNeed extends FhirQueryTarget {
  key: string;
  template: string;
  /** The rules cannot run without it: missing and unobtainable → 412. */
  isRequired: boolean;
  /** What the rules lose without it (they then say so); undefined for display-only data. */
  gap: DataGap | undefined;
}

/**
 * Rules page §2: Conditions are required; imaging and reports are optional; Patient is for
 * display. A read of one ImagingStudy is the study under review (imaging-review hook): the
 * imaging rules cannot run without it. Any other resource a template names (e.g.
 * `Practitioner/{{userPractitionerId}}`, CDS Hooks 2.0 §Prefetch tokens) is optional and
 * unused by the rules, like Patient.
 */
const NEEDS: Readonly<Record<string, { isRequired: boolean; gap: DataGap | undefined }>> = {
  'search:Condition': { isRequired: true, gap: undefined },
  'search:ImagingStudy': { isRequired: false, gap: 'ImagingStudy' },
  'read:ImagingStudy': { isRequired: true, gap: undefined },
  'search:DiagnosticReport': { isRequired: false, gap: 'DiagnosticReport' },
  'read:Patient': { isRequired: false, gap: undefined },
};

const OTHER_DATA = { isRequired: false, gap: undefined } as const;

/**
 * What the service's prefetch templates read, worked out once per loaded definition (a
 * reload loads new ones): a call asks for it every time (issue #15).
 */
const needsByService = new WeakMap<ServiceDefinition, readonly DataNeed[]>();

export function dataNeedsOf(service: ServiceDefinition): readonly DataNeed[] {
  let needs = needsByService.get(service);
  if (!needs) {
    needs = deriveDataNeeds(service);
    needsByService.set(service, needs);
  }
  return needs;
}

function deriveDataNeeds(service: ServiceDefinition): readonly DataNeed[] {
  const needs = Object.entries(service.prefetch ?? {}).map(([key, template]) => {
    const match = /^([A-Z][A-Za-z]+)(\?|\/)/.exec(template);
    const resourceType = match?.[1] ?? '';
    const interaction = match?.[2] === '?' ? 'search' : 'read';
    if (!resourceType)
      throw new Error(
        `service ${service.id}: prefetch ${key} (${template}) must start with a resource type, e.g. Practitioner/{{userPractitionerId}}`,
      );
    const need = NEEDS[`${interaction}:${resourceType}`] ?? OTHER_DATA;
    // Frozen: every call of the service shares them.
    return Object.freeze({ key, template, resourceType, interaction, ...need });
  });
  return Object.freeze(needs);
}
