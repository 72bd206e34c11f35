/**
 * What a site meant by a key the schema does not know: "emd-softtissue" for "emd-soft-tissue",
 * "valueSet" for "valueSets". zod says only "Unrecognized key"; an analyst then has to find
 * the right spelling in the docs. The keys a map takes come from the schema's JSON Schema (the
 * one editors are given, config/emd-cds.schema.json), made only when a key is unknown.
 */
import { z } from 'zod';

type JsonSchema = Record<string, unknown>;
type Path = readonly (string | number)[];

/** A map's keys are listed in full when there are no more than this many. */
const LISTED_KEYS = 15;
/** Longer keys are not compared: a key is a word or two, and distance is quadratic. */
const LONGEST_COMPARED = 64;

/**
 * The words after zod's "Unrecognized key": the nearest known key of the map at `map`, else
 * the keys it takes when they are few; empty when the schema says nothing of that map.
 */
export function unknownKeyHint(schema: z.ZodType, map: Path, key: string): string {
  const known = knownKeysAt(jsonSchemaOf(schema), map);
  if (known.length === 0) return '';
  const meant = nearestKey(key, known);
  if (meant !== undefined) return `; did you mean "${meant}"?`;
  return known.length <= LISTED_KEYS ? `; this map takes: ${known.join(', ')}` : '';
}

/** Each schema's JSON Schema, made once: a file with several unknown keys asks for each. */
const jsonSchemas = new WeakMap<z.ZodType, JsonSchema>();

function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  let json = jsonSchemas.get(schema);
  if (!json) {
    // "input", as ../config/config-json-schema.ts makes the editors' schema: what a person writes.
    json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
    jsonSchemas.set(schema, json);
  }
  return json;
}

/** The keys the JSON Schema lets the object at `path` hold: its properties, or its key enum. */
function knownKeysAt(schema: JsonSchema, path: Path): string[] {
  let node: JsonSchema | undefined = schema;
  for (const step of path) node = node && childOf(node, step);
  if (!node) return [];
  const objects = [node, ...branchesOf(node)];
  const keys = objects.flatMap((object) => [
    ...Object.keys(asSchema(object.properties) ?? {}),
    ...enumOf(asSchema(object.propertyNames)),
  ]);
  return [...new Set(keys)];
}

function childOf(node: JsonSchema, step: string | number): JsonSchema | undefined {
  for (const object of [node, ...branchesOf(node)]) {
    const child =
      typeof step === 'number'
        ? asSchema(object.items)
        : (asSchema(asSchema(object.properties)?.[step]) ?? asSchema(object.additionalProperties));
    if (child) return child;
  }
  return undefined;
}

function branchesOf(node: JsonSchema): JsonSchema[] {
  const branches: JsonSchema[] = [];
  for (const list of [node.anyOf, node.oneOf, node.allOf]) {
    if (!Array.isArray(list)) continue;
    for (const item of list as unknown[]) {
      const branch = asSchema(item);
      if (branch) branches.push(branch);
    }
  }
  return branches;
}

function asSchema(value: unknown): JsonSchema | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as JsonSchema)
    : undefined;
}

function enumOf(node: JsonSchema | undefined): string[] {
  const values = node?.enum;
  return Array.isArray(values) ? values.filter((v): v is string => typeof v === 'string') : [];
}

/**
 * The known key nearest `key`: the same but for case, hyphens and underscores; else the one
 * key it begins (of four letters or more); else within a quarter of its length in edits (at
 * least one), and nearer than any other.
 */
export function nearestKey(key: string, known: readonly string[]): string | undefined {
  if (key.length > LONGEST_COMPARED) return undefined;
  const loose = (text: string) => text.toLowerCase().replace(/[-_\s]/g, '');
  const same = known.find((candidate) => loose(candidate) === loose(key));
  if (same !== undefined) return same;
  // "lookback" for "lookbackDays": the start of exactly one key.
  const started = known.filter((candidate) => loose(candidate).startsWith(loose(key)));
  if (key.length >= 4 && started.length === 1) return started[0];
  const allowed = Math.max(1, Math.floor(key.length / 4));
  const ranked = known
    .filter((candidate) => candidate.length <= LONGEST_COMPARED)
    .map((candidate) => ({ candidate, distance: editDistance(key, candidate) }))
    .filter(({ distance }) => distance <= allowed)
    .sort((a, b) => a.distance - b.distance);
  const [best, second] = ranked;
  return best && (second === undefined || second.distance > best.distance)
    ? best.candidate
    : undefined;
}

/**
 * Edits between two keys: insertions, deletions, substitutions and swaps of two neighbouring
 * letters ("enabeld"), one each (optimal string alignment distance).
 */
export function editDistance(a: string, b: string): number {
  const rows = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const above = rows[i - 1] ?? [];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((above[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (above[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      row.push(best);
    }
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? 0;
}
