/**
 * The example patients shipped in fhir-resources/examples/ (one transaction Bundle per
 * patient), for the console's dry run. A Bundle carries no description of its own, so each
 * one's clinical story and expected cards come from the folder's README table.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PATHS } from './project-paths.js';

export interface ExamplePatient {
  /** The file name without `.json`; also how the console asks for the Bundle. */
  name: string;
  patientId: string;
  /** The clinical story, from the README table; null when the table has no row. */
  description: string | null;
  /** The patient-view cards the README expects, e.g. "`emd-cns` critical". */
  expectedCards: string | null;
}

const NAME = /^[a-z0-9-]+$/;

/** The example patients, by name. */
export function listExamplePatients(dir: string = PATHS.examples): ExamplePatient[] {
  const rows = readmeRows(dir);
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      const name = file.slice(0, -'.json'.length);
      const bundle = readBundle(dir, name);
      const patient = bundle.entry?.find((e) => e.resource?.resourceType === 'Patient')?.resource;
      const row = rows.get(name);
      return {
        name,
        patientId: patient?.id ?? bundle.id ?? name,
        description: row?.story ?? null,
        expectedCards: row?.cards ?? null,
      };
    });
}

/** One example's Bundle, or undefined when `name` is not one of the listed examples. */
export function readExamplePatient(
  name: string,
  dir: string = PATHS.examples,
): fhir4.Bundle | undefined {
  // Only a name from the listing is read: no path can be built from the caller's input.
  if (!NAME.test(name) || !listExampleNames(dir).includes(name)) return undefined;
  return readBundle(dir, name);
}

function listExampleNames(dir: string): string[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.slice(0, -'.json'.length));
}

function readBundle(dir: string, name: string): fhir4.Bundle {
  return JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as fhir4.Bundle;
}

/** `| \`patient-id\` | story | expected cards | phase |` rows of the README table. */
function readmeRows(dir: string): Map<string, { story: string; cards: string }> {
  let text: string;
  try {
    text = readFileSync(join(dir, 'README.md'), 'utf8');
  } catch {
    return new Map();
  }
  const rows = new Map<string, { story: string; cards: string }>();
  for (const line of text.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    const id = /^`([a-z0-9-]+)`$/.exec(cells[1] ?? '')?.[1];
    if (id && cells[2] && cells[3]) rows.set(id, { story: cells[2], cards: cells[3] });
  }
  return rows;
}
