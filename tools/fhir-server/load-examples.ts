/**
 * Loads the example patients (fhir-resources/examples/, one transaction Bundle per file)
 * into the local FHIR server. One Bundle per call: Medplum allows at most 50 updates in a
 * transaction and does not roll one back, so a failure names the file that broke.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LocalFhirServer } from './fhir-server.js';

/** Loads every `*.json` Bundle in `dir`, in name order; returns the ids of the Patients loaded. */
export async function loadExamplePatients(server: LocalFhirServer, dir: string): Promise<string[]> {
  const files = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
  const patientIds: string[] = [];
  for (const file of files) {
    const bundle = JSON.parse(await readFile(join(dir, file), 'utf8')) as fhir4.Bundle;
    try {
      await server.loadTransaction(bundle);
    } catch (error) {
      throw new Error(`loading ${file} into the local FHIR server failed`, { cause: error });
    }
    for (const entry of bundle.entry ?? [])
      if (entry.resource?.resourceType === 'Patient' && entry.resource.id)
        patientIds.push(entry.resource.id);
  }
  return patientIds;
}
