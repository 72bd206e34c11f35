/**
 * A FHIR server as a backtest source: the Patient list page by page, then each patient's
 * data with the service's own prefetch queries (patient-view's templates), allowlist,
 * https rule, token and time budget per patient (src/fhir/). A patient whose data cannot
 * be read is listed, not evaluated; a Patient list that breaks off is said to be incomplete.
 */
import type { DataNeed, ServiceDefinition } from '../cds/service-definition.js';
import { dataNeedsOf } from '../cds/service-definition.js';
import { fillTemplate } from '../cds/prefetch-template.js';
import type { HookRequest } from '../cds/request-schema.js';
import type { ServiceOptions } from '../config/environment.js';
import { fhirAccessFor } from '../fhir/fhir-access.js';
import { fhirKitRunner } from '../fhir/fhir-kit-runner.js';
import { patientIdPages } from '../fhir/patient-pages.js';
import type { FhirQueryRunner } from '../fhir/fhir-query.js';
import { SourceError } from './ndjson-source.js';
import type { PatientSource } from './run-backtest.js';
import type { PatientLines } from './worker-messages.js';

/** Patients read at once: a few, as a hook call's queries run side by side. */
const CONCURRENT_PATIENTS = 4;
const PAGE_SIZE = 100;
const PAGE_TIMEOUT_MS = 30_000;

export function openFhirSource(
  fhirServer: string,
  deps: {
    options: ServiceOptions;
    services: readonly ServiceDefinition[];
    accessToken: string | undefined;
  },
): PatientSource {
  const { options, accessToken } = deps;
  const access = fhirAccessFor({
    allowedServers: options.allowedFhirServers,
    runnerFor: (server, token) =>
      fhirKitRunner(server, token, {
        timeoutMs: options.fhirTimeoutMs,
        maxPages: options.fhirMaxPages,
        pageSize: options.fhirPageSize,
      }),
  });
  const asRequest = {
    fhirServer,
    ...(accessToken ? { fhirAuthorization: { access_token: accessToken } } : {}),
  } as unknown as HookRequest;
  const first = access(asRequest);
  if ('unusableBecause' in first)
    throw new SourceError(`${fhirServer}: cannot be read: ${first.unusableBecause}`);
  const service = deps.services.find((s) => s.hook === 'patient-view');
  if (!service)
    throw new SourceError('no patient-view service is configured: its queries are used');
  const needs = dataNeedsOf(service);
  const notRead: string[] = [];
  let listIncomplete: string | undefined;
  let resources = 0;
  let total: number | undefined;

  const readPatient = async (id: string): Promise<PatientLines | undefined> => {
    const fresh = access(asRequest);
    if ('unusableBecause' in fresh) return undefined;
    try {
      const found = await Promise.all(needs.map((need) => runNeed(fresh.runner, need, id)));
      const lines = found.flat().map((r) => JSON.stringify(r));
      resources += lines.length;
      return { id, lines };
    } catch {
      notRead.push(id);
      return undefined;
    }
  };

  async function* patients(): AsyncGenerator<PatientLines> {
    try {
      for await (const page of patientIdPages(fhirServer, {
        accessToken,
        pageSize: PAGE_SIZE,
        pageTimeoutMs: PAGE_TIMEOUT_MS,
      })) {
        source.total = total ??= page.total;
        for (let start = 0; start < page.ids.length; start += CONCURRENT_PATIENTS) {
          const read = await Promise.all(
            page.ids.slice(start, start + CONCURRENT_PATIENTS).map(readPatient),
          );
          for (const patient of read) if (patient) yield patient;
        }
      }
    } catch (error) {
      listIncomplete = error instanceof Error ? error.message : 'the Patient list failed';
    }
  }

  const source: PatientSource = {
    total: undefined,
    patients,
    close: () => undefined,
    input: () => ({
      source: fhirServer,
      resources,
      malformedLines: 0,
      malformed: [],
      withoutPatient: 0,
      otherTypes: 0,
      patientsNotRead: [...notRead].sort(),
      ...(listIncomplete ? { patientListIncomplete: listIncomplete } : {}),
    }),
  };
  return source;
}

async function runNeed(
  runner: FhirQueryRunner,
  need: DataNeed,
  patientId: string,
): Promise<fhir4.Resource[]> {
  const query = fillTemplate(need.template, { patientId });
  if (query === undefined) return [];
  return (await runner.run(need, query)).map((s) => s.resource);
}
