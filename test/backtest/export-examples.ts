/**
 * The example patients (fhir-resources/examples/, transaction Bundles with urn:uuid
 * references) written as a FHIR Bulk Data export would hold them: one NDJSON file per
 * resource type, every reference rewritten to `Type/id` as a server assigns it.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { PATHS } from '../../src/config/project-paths.js';
import { rewriteReferences } from '../../src/backtest/bundle-files.js';

export function exampleBundles(): { name: string; bundle: fhir4.Bundle }[] {
  return readdirSync(PATHS.examples)
    .filter((n) => n.endsWith('.json'))
    .sort()
    .map((file) => ({
      name: file.replace(/\.json$/, ''),
      bundle: JSON.parse(readFileSync(join(PATHS.examples, file), 'utf8')) as fhir4.Bundle,
    }));
}

/** Every example's resources by type, references as `Type/id`. */
export function exampleResourcesByType(): Map<string, fhir4.Resource[]> {
  const byType = new Map<string, fhir4.Resource[]>();
  for (const { bundle } of exampleBundles()) {
    const byFullUrl = new Map<string, string>();
    for (const entry of bundle.entry ?? [])
      if (entry.fullUrl && entry.resource?.id)
        byFullUrl.set(entry.fullUrl, `${entry.resource.resourceType}/${entry.resource.id}`);
    for (const entry of bundle.entry ?? []) {
      if (!entry.resource) continue;
      const resource = rewriteReferences(entry.resource, byFullUrl) as fhir4.Resource;
      byType.set(resource.resourceType, [...(byType.get(resource.resourceType) ?? []), resource]);
    }
  }
  return byType;
}

/** Writes `<Type>.ndjson` (or `.ndjson.gz`) per type into `dir`; extra lines go to `extra`. */
export function writeExampleExport(
  dir: string,
  options: { gzip: boolean; extra?: Record<string, string[]> },
): void {
  mkdirSync(dir, { recursive: true });
  for (const [type, resources] of exampleResourcesByType()) {
    const lines = [...resources.map((r) => JSON.stringify(r)), ...(options.extra?.[type] ?? [])];
    const text = `${lines.join('\n')}\n`;
    if (options.gzip) writeFileSync(join(dir, `${type}.ndjson.gz`), gzipSync(text));
    else writeFileSync(join(dir, `${type}.ndjson`), text);
  }
}
