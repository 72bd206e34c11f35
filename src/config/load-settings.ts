/**
 * Builds the settings snapshot from the project's data files: value sets and code systems
 * (fhir-resources/), card wording (config/wording/), service definitions (cds-hooks/services/).
 * Everything is read and checked once, at start; a problem stops the start with a message
 * naming the file.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { checkWording, wordingSchema, type Wording } from '../cds/cards/wording.js';
import { serviceDefinitionSchema } from '../cds/service-definition.js';
import { compileTerminology } from '../rules/terminology.js';
import { DEFAULT_VALUE_SET_URLS, DEFAULTS } from './defaults.js';
import { PATHS } from './project-paths.js';
import type { ServiceSettings } from './settings.js';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function loadDefaultSettings(): ServiceSettings {
  const valueSets = readJsonDir(PATHS.valueSets);
  const codeSystems = readJson(PATHS.codeSystems) as { entry?: { resource?: unknown }[] };
  const namingSystems = (codeSystems.entry ?? []).map((e) => e.resource as object);
  const wording = loadWording(PATHS.wording);
  const services = readJsonDir(PATHS.services).map((raw, i) =>
    parseWith(serviceDefinitionSchema, raw, `${PATHS.services} (file ${String(i + 1)})`),
  );
  const version = (readJson(PATHS.packageJson) as { version: string }).version;

  let terminology;
  try {
    terminology = compileTerminology(namingSystems, valueSets as object[], DEFAULT_VALUE_SET_URLS);
  } catch (error) {
    throw new ConfigError(
      `value sets in ${PATHS.valueSets}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }

  const cards = {
    sourceUrl: DEFAULTS.sourceUrl,
    trialsUrl: DEFAULTS.trialsUrl,
    pathwayUrl: DEFAULTS.pathwayUrl,
    overrideReasonSystem: DEFAULTS.overrideReasonSystem,
    overrideReasonCodes: DEFAULTS.overrideReasonCodes,
  };
  const configHash = hashOf({
    DEFAULTS,
    DEFAULT_VALUE_SET_URLS,
    valueSets,
    namingSystems,
    wording,
    services,
  });
  return {
    rules: {
      terminology,
      phaseWindowDays: DEFAULTS.phaseWindowDays,
      imagingLookbackDays: DEFAULTS.imagingLookbackDays,
      textOnlyPatterns: DEFAULTS.textOnlyPatterns.map((p) => new RegExp(p, 'iu')),
      disabledRules: new Set(),
    },
    cards,
    wording,
    defaultLocale: DEFAULTS.defaultLocale,
    services,
    serviceVersion: version,
    configHash,
  };
}

function loadWording(dir: string): Record<string, Wording> {
  const byLocale: Record<string, Wording> = {};
  for (const file of listFiles(dir, '.yaml')) {
    const wording = parseWith(wordingSchema, parseYaml(readFileSync(file, 'utf8')), file);
    const problems = checkWording(wording);
    if (problems.length > 0) throw new ConfigError(`${file}:\n  ${problems.join('\n  ')}`);
    if (basename(file, '.yaml') !== wording.locale)
      throw new ConfigError(`${file}: locale "${wording.locale}" does not match the file name`);
    byLocale[wording.locale] = wording;
  }
  if (!byLocale[DEFAULTS.defaultLocale])
    throw new ConfigError(`${dir}: no wording for the default locale "${DEFAULTS.defaultLocale}"`);
  return byLocale;
}

function parseWith<T>(schema: z.ZodType<T>, raw: unknown, file: string): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(`${file}:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

function readJsonDir(dir: string): unknown[] {
  return listFiles(dir, '.json').map(readJson);
}

function listFiles(dir: string, extension: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(extension))
    .sort()
    .map((name) => join(dir, name));
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** sha256 over a canonical (key-sorted) JSON form, shortened: equal configs, equal hashes. */
export function hashOf(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, 16);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
