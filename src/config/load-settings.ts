/**
 * Builds the settings snapshot from a configuration and the data files it names: value sets
 * and code systems (fhir-resources/ plus the site's own), card wording (config/wording/ or the
 * site's folder), service definitions (cds-hooks/services/). Everything is read and checked
 * here, once per load; a problem stops the load with a message naming the file, and a reload
 * that fails leaves the running settings in place.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { checkWording } from '../cds/cards/check-wording.js';
import { wordingSchema, type Wording } from '../cds/cards/wording.js';
import { dataNeedsOf, serviceDefinitionSchema } from '../cds/service-definition.js';
import { compileRuleSettings, type ClassificationSource } from '../rules/rule-settings.js';
import { RULE_IDS, type Indicator, type RuleId, type RuleSettings } from '../rules/types.js';
import { ConfigError } from './config-file.js';
import { DEFAULT_CONFIG, type Config } from './config-schema.js';
import { DEFAULT_VALUE_SET_URLS, DEFAULTS } from './defaults.js';
import { publicBaseUrlOf } from './environment.js';
import { PATHS } from './project-paths.js';
import type { ServiceSettings } from '../cds/service-settings.js';

export { ConfigError };

/** Where the configuration came from, for relative paths and for the console. */
export interface ConfigSource {
  /** The config file, or undefined for the built-in defaults. */
  file: string | undefined;
  /**
   * The service's URL as callers see it (ServiceOptions.publicBaseUrl), which the default
   * timeline link is built on; when absent, the config file's (without the environment).
   */
  publicBaseUrl?: string | undefined;
}

export function loadDefaultSettings(): ServiceSettings {
  return buildSettings(DEFAULT_CONFIG, { file: undefined });
}

export function buildSettings(config: Config, source: ConfigSource): ServiceSettings {
  const relativeTo = source.file ? resolve(source.file, '..') : process.cwd();
  const valueSetFiles = [
    ...jsonFilesIn(PATHS.valueSets),
    ...config.valueSets.files.flatMap((path) => jsonFilesIn(resolve(relativeTo, path))),
  ];
  const valueSets = valueSetFiles.map(readJson);
  const codeSystems = readJson(PATHS.codeSystems) as { entry?: { resource?: unknown }[] };
  const namingSystems = (codeSystems.entry ?? []).map((e) => e.resource as object);
  const wordingDir = config.wording.dir ? resolve(relativeTo, config.wording.dir) : PATHS.wording;
  const wording = loadWording(wordingDir, config);
  const services = jsonFilesIn(PATHS.services).map((file) =>
    parseWith(serviceDefinitionSchema, readJson(file), file),
  );
  checkUniqueIds(services);
  for (const service of services) {
    try {
      dataNeedsOf(service); // a template the service cannot run is found at load, not per call
    } catch (error) {
      throw new ConfigError(`${PATHS.services}: ${(error as Error).message}`, { cause: error });
    }
  }
  const version = (readJson(PATHS.packageJson) as { version: string }).version;
  const roleUrls = { ...DEFAULT_VALUE_SET_URLS, ...config.valueSets.roles };

  const classification: ClassificationSource = {
    namingSystems,
    valueSets: valueSets as object[],
    valueSetRoles: roleUrls,
    phaseWindowDays: config.phase.windowDays,
    imagingLookbackDays: config.imaging.lookbackDays,
    textOnlyPatterns: config.textOnlyPatterns,
    statusWords: config.statusWords,
  };
  let rules: RuleSettings;
  try {
    rules = compileRuleSettings(classification, {
      disabledRules: new Set(RULE_IDS.filter((id) => config.rules[id]?.enabled === false)),
      indicators: Object.fromEntries(
        RULE_IDS.flatMap((id): [RuleId, Indicator][] => {
          const level = config.rules[id]?.indicator;
          return level ? [[id, level]] : [];
        }),
      ),
    });
  } catch (error) {
    throw new ConfigError(`value sets: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  const publicBaseUrl = source.publicBaseUrl ?? publicBaseUrlOf(config, undefined);
  // null: no timeline link; absent: the app this service serves (issue #9).
  const timelineUrl =
    config.links.timeline === null
      ? undefined
      : (config.links.timeline ?? `${publicBaseUrl}/timeline/launch.html`);

  return {
    rules,
    classification,
    cards: {
      sourceUrl: DEFAULTS.sourceUrl,
      trialsUrl: config.links.trials ?? undefined,
      pathwayUrl: config.links.pathway,
      timelineUrl,
      overrideReasonSystem: config.overrideReasons.system,
      overrideReasonCodes: config.overrideReasons.codes,
    },
    wording,
    defaultLocale: config.service.defaultLocale,
    suppression: Object.fromEntries(
      RULE_IDS.flatMap((id) => {
        const rule = config.rules[id];
        return rule && rule.suppressAfterOverrideDays > 0
          ? [[id, { days: rule.suppressAfterOverrideDays, includeCritical: rule.suppressCritical }]]
          : [];
      }),
    ),
    silentRules: new Set(RULE_IDS.filter((id) => config.rules[id]?.mode === 'silent')),
    services,
    serviceVersion: version,
    // Everything that decides what a card says: the config and every file it loaded.
    // The timeline link is on cards, and its default follows PUBLIC_BASE_URL, not the file.
    configHash: hashOf({ config, valueSets, namingSystems, wording, services, timelineUrl }),
    source: {
      file: source.file,
      loadedAt: new Date().toISOString(),
      acknowledgements: Object.fromEntries(
        RULE_IDS.flatMap((id) => {
          const text = config.rules[id]?.acknowledgement;
          return text ? [[id, text]] : [];
        }),
      ),
      valueSetNames: Object.fromEntries(
        (valueSets as { url?: string; name?: string; title?: string }[]).flatMap((vs) =>
          vs.url ? [[vs.url, vs.title ?? vs.name ?? vs.url]] : [],
        ),
      ),
    },
  };
}

/**
 * CDS Hooks 2.0 allows one id on several entries (one per hook), but the CDS Hooks Sandbox
 * keeps services by id, so one entry hid the other (issue #14): every id is unique here.
 */
function checkUniqueIds(services: readonly { id: string; hook: string }[]): void {
  const seen = new Map<string, string>();
  for (const { id, hook } of services) {
    const other = seen.get(id);
    if (other !== undefined)
      throw new ConfigError(
        `${PATHS.services}: service id "${id}" is used for both ${other} and ${hook}; give each entry an id of its own`,
      );
    seen.set(id, hook);
  }
}

function loadWording(dir: string, config: Config): Record<string, Wording> {
  const byLocale: Record<string, Wording> = {};
  for (const file of filesIn(dir, '.yaml')) {
    const wording = parseWith(wordingSchema, parseYaml(readFileSync(file, 'utf8')), file);
    const problems = checkWording(wording);
    for (const code of config.overrideReasons.codes) {
      if (!wording.overrideReasons[code])
        problems.push(`overrideReasons.${code}: no display for this override reason`);
    }
    if (problems.length > 0) throw new ConfigError(`${file}:\n  ${problems.join('\n  ')}`);
    if (basename(file, '.yaml') !== wording.locale)
      throw new ConfigError(`${file}: locale "${wording.locale}" does not match the file name`);
    byLocale[wording.locale] = wording;
  }
  if (!byLocale[config.service.defaultLocale]) {
    throw new ConfigError(
      `${dir}: no wording for the default locale "${config.service.defaultLocale}"`,
    );
  }
  return byLocale;
}

function parseWith<T>(schema: z.ZodType<T>, raw: unknown, file: string): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(`${file}:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** A JSON file, or the JSON files of a folder in name order. */
function jsonFilesIn(path: string): string[] {
  let isFolder: boolean;
  try {
    isFolder = statSync(path).isDirectory();
  } catch (error) {
    throw new ConfigError(`${path}: not found`, { cause: error });
  }
  return isFolder ? filesIn(path, '.json') : [path];
}

function filesIn(dir: string, extension: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(extension))
    .sort()
    .map((name) => join(dir, name));
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`${file}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
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
