/**
 * The Patient list of a FHIR server, page by page (`GET Patient?_count=N`, then each `next`
 * link, only on the same server), for a backtest over a whole server (issue #17). Each page
 * has its own time limit; a failure says the status, never the URL (it may hold identifiers).
 */
import { fhirClient } from './fhir-client.js';
import type { Dispatcher } from 'undici';
import { isOperationOutcome } from '../rules/fhir-resource-type.js';
import { withoutTrailingSlashes } from '../rules/text-end.js';
import { parseSearchPage } from './parse-fhir-data.js';
import { linkOnServer, offServerLink } from './server-links.js';

export interface PatientPageOptions {
  accessToken: string | undefined;
  pageSize: number;
  pageTimeoutMs: number;
  dispatcher?: Dispatcher;
}

/** Ids of the server's patients, one page at a time. */
export async function* patientIdPages(
  fhirServer: string,
  options: PatientPageOptions,
): AsyncGenerator<{ ids: string[]; total: number | undefined }> {
  const base = withoutTrailingSlashes(fhirServer);
  const client = fhirClient(base, options.accessToken, options.dispatcher);
  let url: string | undefined = `Patient?_count=${String(options.pageSize)}&_elements=id`;
  while (url !== undefined) {
    const target = linkOnServer(url, base);
    if (target === undefined)
      throw new Error(
        `the Patient list continues on another server, which is not called (the token would go with it): ${offServerLink(url, base)}`,
      );
    let value: unknown;
    try {
      value = await client.request(target, {
        options: {
          signal: AbortSignal.timeout(options.pageTimeoutMs),
          headers: { accept: 'application/fhir+json' },
        },
      });
    } catch (error) {
      const status = (error as { response?: { status?: unknown } } | undefined)?.response?.status;
      throw new Error(
        typeof status === 'number'
          ? `the FHIR server answered a Patient page with HTTP ${String(status)}`
          : 'the FHIR server could not be reached for a Patient page',
        { cause: error },
      );
    }
    if (isOperationOutcome(value))
      throw new Error('the FHIR server answered a Patient page with an OperationOutcome');
    const page = parseSearchPage(value);
    if (!page.ok) throw new Error(`a Patient page is ${page.problem}`);
    const ids = page.value.resources.flatMap(({ resource }) =>
      resource.resourceType === 'Patient' && resource.id ? [resource.id] : [],
    );
    const total = (value as { total?: unknown }).total;
    yield { ids, total: typeof total === 'number' ? total : undefined };
    url = page.value.next;
  }
}
