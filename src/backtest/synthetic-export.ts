/**
 * A deterministic synthetic FHIR Bulk Data export (NDJSON per resource type) for trying and
 * benchmarking the backtest, built on the bench's synthetic patients
 * (src/backtest/synthetic-patient.ts). A realistic mix: most patients have no myeloma (their
 * records are the synthetic patient's unrelated Conditions and imaging); of the 4 % with
 * myeloma, some have no EMD finding, some a paraskeletal one only, the rest soft-tissue
 * EMD. About 50 resources per patient. Fictional data only; the same seed, count and "now"
 * always give the same files.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { syntheticPatient } from './synthetic-patient.js';
import { makeFolders } from '../store/private-file.js';

export interface SyntheticExportOptions {
  patients: number;
  out: string;
  seed: number;
  now: Date;
  gzip: boolean;
}

export const TYPES = ['Patient', 'Condition', 'ImagingStudy', 'DiagnosticReport'] as const;
/** A new file per type every this many patients, as Bulk Data servers split large types. */
const PATIENTS_PER_FILE = 50_000;
const MYELOMA_SHARE = 0.04;

/** mulberry32: a small seeded generator, so the export does not depend on Math.random. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Suffixes of the synthetic patient's myeloma and EMD resources (src/backtest/synthetic-patient.ts). */
const MYELOMA_PARTS = ['-mm', '-pc-liver', '-pc-spine', '-pc-skin', '-pet-latest-report'];

function patientResources(index: number, random: () => number, now: Date): fhir4.Resource[] {
  const id = `syn-${String(index).padStart(7, '0')}`;
  const isMyeloma = random() < MYELOMA_SHARE;
  const size = isMyeloma ? 30 + Math.floor(random() * 60) : 20 + Math.floor(random() * 60);
  const all = syntheticPatient(id, size, now);
  const has = (r: fhir4.Resource, suffix: string) => r.id === `${id}${suffix}`;
  if (!isMyeloma) return all.filter((r) => !MYELOMA_PARTS.some((s) => has(r, s)));
  const variant = random();
  if (variant < 0.4)
    return all.filter((r) => !['-pc-liver', '-pc-spine', '-pc-skin'].some((s) => has(r, s)));
  if (variant < 0.6) return all.filter((r) => !has(r, '-pc-liver'));
  return all;
}

/** Writes the export; returns the number of resources written per type. */
export function writeSyntheticExport(options: SyntheticExportOptions): Record<string, number> {
  // Not Node's recursive mkdir, which never returns on some folders (src/store/private-file.ts).
  makeFolders(options.out, 0o777);
  const random = seeded(options.seed);
  const counts: Record<string, number> = Object.fromEntries(TYPES.map((t) => [t, 0]));
  for (let first = 0; first < options.patients; first += PATIENTS_PER_FILE) {
    const part = String(first / PATIENTS_PER_FILE + 1).padStart(3, '0');
    const files = Object.fromEntries(
      TYPES.map((type) => {
        const name = `${type}.${part}.ndjson${options.gzip ? '.gz' : ''}`;
        return [type, { fd: openSync(join(options.out, name), 'w'), chunks: [] as string[] }];
      }),
    );
    const flush = (force: boolean) => {
      for (const file of Object.values(files)) {
        if (!force && file.chunks.length < 20_000) continue;
        const text = file.chunks.join('');
        file.chunks = [];
        // Each gzip member is a complete stream; concatenated members are one valid .gz file.
        if (text) writeSync(file.fd, options.gzip ? gzipSync(text) : Buffer.from(text));
      }
    };
    const last = Math.min(options.patients, first + PATIENTS_PER_FILE);
    for (let index = first; index < last; index += 1) {
      for (const resource of patientResources(index, random, options.now)) {
        const file = files[resource.resourceType];
        if (!file) continue;
        file.chunks.push(`${JSON.stringify(resource)}\n`);
        counts[resource.resourceType] = (counts[resource.resourceType] ?? 0) + 1;
      }
      flush(false);
    }
    flush(true);
    for (const file of Object.values(files)) closeSync(file.fd);
  }
  return counts;
}
