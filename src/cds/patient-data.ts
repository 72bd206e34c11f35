/**
 * Prefetch-or-fetch (CDS Hooks 2.0 §Prefetch, checklist §5 "Data acquisition"): use each
 * prefetch value the client sent; fetch what is missing from the client's FHIR server when
 * one is usable; otherwise fail with 412 for required data, or carry on without optional
 * data and let the rules that need it say so.
 */
import { ServiceError } from '../errors.js';
import type { DataGap, SourcedResource } from '../rules/patient-record.js';
import { answeredForAnotherPatient } from './answered-for-another-patient.js';
import { readPrefetch, type PrefetchState } from './prefetch.js';
import { fillTemplate, readTarget } from './prefetch-template.js';
import type { FhirAccess, WithheldBy } from '../fhir/fhir-query.js';
import type { LeaveOut } from '../fhir/parse-fhir-data.js';
import type { DataNeed } from './service-definition.js';

/** Where each prefetch key's data came from, for the explain trace and metrics. */
export type DataProvenance = 'prefetch' | 'no-data' | 'fhir' | 'unavailable';

export interface GatheredData {
  resources: SourcedResource[];
  gaps: Set<DataGap>;
  provenance: Record<string, DataProvenance>;
  /** Why optional data is missing, one line per key. */
  notes: string[];
}

/**
 * `mayLeaveOut` says which malformed search results no rule could read
 * (./unrelated-condition.ts: only ever a Condition, whichever search returned it): they are
 * left out, each with a note, instead of making the whole key missing.
 *
 * The backtest and the timeline app judge malformed data with ./malformed-data.ts instead, on
 * purpose: that judges data already read, with no FHIR server to fall back on and no hook's
 * data needs, while this decides per prefetch key as each page arrives, so that a malformed
 * prefetch is read again from the FHIR server and the imaging-review hook's study stays
 * required (412). Both leave out only what ./unrelated-condition.ts says no rule reads (H37)
 * and refuse a Bundle among a search's resources (H43). Two answers differ: a malformed report
 * that is not an imaging report makes the reports not read here (this service's own search
 * returned it) and is left out there (a bulk export holds every report); a malformed Condition
 * no rule reads is left out here from any key, there only from the Conditions.
 */
export async function gatherPatientData(
  needs: readonly DataNeed[],
  prefetch: Readonly<Record<string, unknown>> | undefined,
  context: Readonly<Record<string, unknown>>,
  fhir: FhirAccess,
  mayLeaveOut: (resource: unknown) => boolean = () => false,
): Promise<GatheredData> {
  const gathered: GatheredData = { resources: [], gaps: new Set(), provenance: {}, notes: [] };
  const failures: { need: DataNeed; reason: string }[] = [];

  // Per key, where each malformed resource was left out (a set: a first prefetch page and the
  // FHIR pages after it are one search).
  const leftOut = new Map<string, Set<string>>();
  // The keys whose answer, as used, says the server withheld results by its rules (H131), and
  // those whose answer is itself marked REDACTED (H141).
  const withheld = new Set<string>();
  const redacted = new Set<string>();
  await Promise.all(
    needs.map(async (need) => {
      // A closure, not a copy of the need with it: copying each need cost more than the rest
      // of the prefetch reading (issue #15).
      const leaveOut: LeaveOut = (resource, problem) => {
        if (!mayLeaveOut(resource)) return false;
        leftOut.set(need.key, (leftOut.get(need.key) ?? new Set()).add(problem));
        return true;
      };
      const state = notAnotherPatients(
        need,
        readPrefetch(need, prefetch, context, leaveOut),
        context,
      );
      if (state.kind === 'provided') {
        if (state.withheld) withheld.add(need.key);
        if (state.redacted) redacted.add(need.key);
        gathered.resources.push(...state.resources);
        gathered.provenance[need.key] = 'prefetch';
        return;
      }
      if (state.kind === 'no-data') {
        gathered.provenance[need.key] = 'no-data';
        return;
      }
      // Nothing of a prefetch value that was refused whole is used, so nothing of it was left out.
      if (!state.partial) leftOut.delete(need.key);
      const onWithheld = (why: WithheldBy) =>
        (why === 'redacted' ? redacted : withheld).add(need.key);
      const reason = await fetchMissing(need, state, context, fhir, leaveOut, onWithheld).then(
        (resources) => {
          gathered.resources.push(...resources);
          gathered.provenance[need.key] = 'fhir';
          if (state.setAside)
            gathered.notes.push(
              `prefetch.${need.key} was not used, as ${state.reason}; it was read from the FHIR server instead`,
            );
          return undefined;
        },
        (error: unknown) => (error instanceof Error ? error.message : 'the FHIR query failed'),
      );
      if (reason === undefined) return;
      // Pages read before the search failed are not used: nothing of them was withheld.
      withheld.delete(need.key);
      redacted.delete(need.key);
      gathered.provenance[need.key] = 'unavailable';
      if (need.isRequired) failures.push({ need, reason });
      else {
        if (need.gap) gathered.gaps.add(need.gap);
        gathered.notes.push(`prefetch.${need.key}: ${reason}`);
      }
    }),
  );

  for (const need of needs) {
    const problems = leftOut.get(need.key);
    if (problems)
      gathered.notes.push(
        `prefetch.${need.key}: malformed Condition left out, as no rule reads it (its code is in no value set and matches no plasmacytoma text pattern): ${[...problems].join('; ')}`,
      );
    // A flag, not the issue's diagnostics, which may name the patient or what was withheld.
    if (withheld.has(need.key))
      gathered.notes.push(
        `prefetch.${need.key}: the FHIR server says it withheld some results (OperationOutcome issue suppressed: consent, privacy or access rules); a finding among them cannot raise a card`,
      );
    // H141: read as sent, as a suppressed issue is; what was removed cannot raise a card.
    if (redacted.has(need.key))
      gathered.notes.push(
        `prefetch.${need.key}: the ${need.resourceType} search Bundle is itself marked REDACTED (v3-ObservationValue, in Bundle.meta): some of its entries or their information may have been removed by the sender; read as sent, and a finding removed cannot raise a card`,
      );
  }
  const unobtainable = failures.filter(
    ({ need }) => !foundInAnotherKey(need, needs, context, gathered),
  );
  if (unobtainable.length > 0) {
    throw new ServiceError(
      'required-data-unavailable',
      unobtainable.map(({ need, reason }) => ({
        severity: 'error',
        code: 'processing',
        diagnostics: `prefetch.${need.key} (${need.template}) could not be obtained: ${reason}`,
        expression: [`prefetch.${need.key}`],
      })),
    );
  }
  return gathered;
}

/**
 * Whether a required read that could be had neither from prefetch nor from a FHIR server is in
 * another key's answer all the same: the imaging-review hook's study under review
 * (`ImagingStudy/{{context.imagingStudyId}}`) is one of the patient's studies
 * (`ImagingStudy?patient=…`). A client may prefetch the search and not the read; the resource
 * is the same, so the call goes on with it rather than refusing data it was sent (412 is for
 * data that cannot be had). The record still checks whose it is (rules page §2).
 */
function foundInAnotherKey(
  need: DataNeed,
  needs: readonly DataNeed[],
  context: Readonly<Record<string, unknown>>,
  gathered: GatheredData,
): boolean {
  if (need.interaction !== 'read') return false;
  const id = readTarget(need.template, context)?.id;
  if (id === undefined) return false;
  const isFound = gathered.resources.some(
    ({ resource }) => resource.resourceType === need.resourceType && resource.id === id,
  );
  if (!isFound) return false;
  const source = needs.find(
    (other) =>
      other.resourceType === need.resourceType &&
      other.key !== need.key &&
      (gathered.provenance[other.key] === 'prefetch' || gathered.provenance[other.key] === 'fhir'),
  );
  gathered.provenance[need.key] = source
    ? (gathered.provenance[source.key] ?? 'prefetch')
    : 'prefetch';
  gathered.notes.push(
    `prefetch.${need.key}: not sent and not fetched; ${need.resourceType}/${id} was taken from ${source ? `prefetch.${source.key}` : "another key's data"}`,
  );
  return true;
}

/**
 * The Conditions search (its template names `{{context.patientId}}`) answered with none of the
 * patient's Conditions is missing (./answered-for-another-patient.ts, H79); `setAside` says the
 * trace names why, as the value was sent and looked usable. Only the required search: another
 * patient's studies in the optional imaging keys stay in the record, dropped (rules page §2),
 * so that a report on one of them is known to be on another patient's study (H48); without
 * them such a report would read as this patient's, and the rules already say imaging was not
 * found.
 */
function notAnotherPatients(
  need: DataNeed,
  state: PrefetchState,
  context: Readonly<Record<string, unknown>>,
): PrefetchState {
  if (state.kind !== 'provided') return state;
  const why = anotherPatientsAnswer(need, state.resources, context);
  return why === undefined
    ? state
    : { kind: 'missing', reason: `the ${need.resourceType} search Bundle ${why}`, setAside: true };
}

/** Why the Conditions search's answer is none of the hook patient's, or undefined. */
function anotherPatientsAnswer(
  need: DataNeed,
  resources: readonly SourcedResource[],
  context: Readonly<Record<string, unknown>>,
): string | undefined {
  const { patientId } = context;
  const isPatientConditionsSearch =
    need.resourceType === 'Condition' &&
    need.interaction === 'search' &&
    need.template.includes('{{context.patientId}}');
  return isPatientConditionsSearch && typeof patientId === 'string'
    ? answeredForAnotherPatient(resources, need.resourceType, patientId)
    : undefined;
}

async function fetchMissing(
  need: DataNeed,
  state: Extract<ReturnType<typeof readPrefetch>, { kind: 'missing' }>,
  context: Readonly<Record<string, unknown>>,
  fhir: FhirAccess,
  leaveOut: LeaveOut,
  onWithheld: (why: WithheldBy) => void,
): Promise<SourcedResource[]> {
  if ('unusableBecause' in fhir) throw new Error(`${state.reason}, and ${fhir.unusableBecause}`);
  const query = fillTemplate(need.template, context);
  if (query === undefined)
    throw new Error(
      `${state.reason}, and its template has a token this hook's context does not fill`,
    );
  const resources = await fhir.runner.run(need, query, state.partial, leaveOut, onWithheld);
  const why = anotherPatientsAnswer(need, resources, context);
  if (why !== undefined)
    throw new Error(
      `${state.reason}, and the FHIR server's ${need.resourceType} search result ${why}`,
    );
  return resources;
}
