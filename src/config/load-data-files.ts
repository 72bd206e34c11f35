/**
 * The files a configuration names, read and checked in one pass: the value sets (the shipped
 * ones and the site's), the card wording and the service definitions, then the value sets
 * compiled into the rules' roles. Every problem any of them has is reported at once (a broken
 * value set does not hide a broken wording file); only compiling waits for the value sets to
 * be right, and the message says so (docs/configuring.md §1).
 */
import { dirname, resolve } from 'node:path';
import type { ServiceDefinition } from '../cds/service-definition.js';
import type { Wording } from '../cds/cards/wording.js';
import { compileRuleSettings, type ClassificationSource } from '../rules/rule-settings.js';
import { TerminologyError } from '../rules/terminology.js';
import { RULE_IDS, type Indicator, type RuleId, type RuleSettings } from '../rules/types.js';
import { repeatedKeyProblems } from '../repeated-keys.js';
import { ConfigError, ProblemList } from './config-error.js';
import type { Config } from './config-schema.js';
import { jsonFilesIn, readJson, readJsonFile } from './data-files.js';
import { DEFAULT_VALUE_SET_URLS } from './defaults.js';
import { loadServices } from './load-services.js';
import { loadWording } from './load-wording.js';
import { PATHS } from './project-paths.js';
import { checkValueSetFiles, refuseEmptyMyeloma, type ValueSetFile } from './value-set-checks.js';
import { terminologyProblem } from './value-set-places.js';
import { unloadedRoleProblems } from './role-places.js';
import { siteValueSetWarnings } from './site-value-set-warnings.js';
import { CodePlaces } from './code-places.js';
import { roleMixWarnings } from './role-mix-warnings.js';
import { siteClassOverlapWarnings } from './site-class-overlap-warnings.js';
import { systemCoverageWarnings } from './system-coverage-warnings.js';

export interface DataFiles {
  valueSets: readonly object[];
  namingSystems: object[];
  wording: Record<string, Wording>;
  services: ServiceDefinition[];
  classification: ClassificationSource;
  rules: RuleSettings;
  /** What the site's own value-set files do that is likely a mistake (./site-value-set-warnings.ts). */
  valueSetWarnings: string[];
}

/**
 * Everything `config` names, relative to `relativeTo`; a ConfigError lists every problem, those
 * of the config's own values at their place in `configFile`.
 */
export function loadDataFiles(config: Config, relativeTo: string, configFile?: string): DataFiles {
  const problems = new ProblemList();
  const codeSystems = readJson(PATHS.codeSystems) as { entry?: { resource?: unknown }[] };
  const namingSystems = (codeSystems.entry ?? []).map((e) => e.resource as object);
  const valueSetFiles = problems.collect(() =>
    loadValueSets(config, relativeTo, systemUris(namingSystems)),
  );
  const wordingDir = config.wording.dir ? resolve(relativeTo, config.wording.dir) : PATHS.wording;
  const wording = problems.collect(() => loadWording(wordingDir, config, configFile));
  const services = problems.collect(loadServices);
  const compiled =
    valueSetFiles &&
    problems.collect(() => compileRoles(config, valueSetFiles, namingSystems, configFile));
  // The value sets as compiled: the files' resources, listed once (compileRoles).
  if (wording && services && compiled)
    return {
      valueSets: compiled.classification.valueSets,
      namingSystems,
      wording,
      services,
      ...compiled,
    };
  throw problems.error(
    valueSetFiles ? undefined : 'which value set plays each role (valueSets.roles)',
  );
}

/** The shipped value sets and the site's, every file read and checked before any is refused. */
function loadValueSets(
  config: Config,
  relativeTo: string,
  knownSystems: readonly string[],
): ValueSetFile[] {
  const problems = new ProblemList();
  const files = [
    PATHS.valueSets,
    ...config.valueSets.files.map((path) => resolve(relativeTo, path)),
  ].flatMap((path) => problems.collect(() => jsonFilesIn(path)) ?? []);
  const read = files.flatMap((file) => {
    const json = problems.collect(() => readJsonFile(file));
    // A repeated key is refused: JSON.parse would drop one copy without a word.
    if (json)
      for (const problem of repeatedKeyProblems(file, json.text, json.value)) problems.add(problem);
    return json ? [{ file, text: json.text, resource: json.value }] : [];
  });
  // The files that parse are checked even when another does not.
  problems.collect(() => {
    checkValueSetFiles(read, knownSystems);
  });
  problems.throwIfAny();
  return read;
}

/**
 * The value sets compiled into the rules' roles, as the configuration assigns them; a value
 * set that cannot be compiled is named at its file, line and column.
 */
function compileRoles(
  config: Config,
  files: readonly ValueSetFile[],
  namingSystems: object[],
  configFile: string | undefined,
): { classification: ClassificationSource; rules: RuleSettings; valueSetWarnings: string[] } {
  const unloaded = unloadedRoleProblems(config, files, configFile);
  if (unloaded.length > 0) throw new ConfigError(unloaded);
  const classification: ClassificationSource = {
    namingSystems,
    valueSets: files.map(({ resource }) => resource as object),
    valueSetRoles: { ...DEFAULT_VALUE_SET_URLS, ...config.valueSets.roles },
    phaseWindowDays: config.phase.windowDays,
    imagingLookbackDays: config.imaging.lookbackDays,
    textOnlyPatterns: config.textOnlyPatterns,
    textOnlyNegation: config.textOnlyNegation,
    textOnlyContext: config.textOnlyContext,
    // H136, H135: words read for the explain trace only (docs/configuring.md).
    myelomaTextPatterns: config.textOnlyMyelomaPatterns,
    otherDiseaseTextPatterns: config.textOnlyOtherDiseasePatterns,
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
    throw new ConfigError(
      error instanceof TerminologyError
        ? terminologyProblem(error, files)
        : `value sets: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  refuseEmptyMyeloma(rules.terminology);
  const siteFiles = files.filter(({ file }) => !isShipped(file));
  // Found here, where each value set's file is known, so that each names its line.
  const places = new CodePlaces(files, rules.terminology);
  const siteFileNames = new Set(siteFiles.map(({ file }) => file));
  const valueSetWarnings = [
    ...siteValueSetWarnings({
      siteFiles,
      valueSets: classification.valueSets,
      namingSystems,
      roleUrls: classification.valueSetRoles,
    }),
    ...siteClassOverlapWarnings(rules.terminology, places, siteFileNames),
    ...roleMixWarnings(rules.terminology, places, siteFileNames),
    ...systemCoverageWarnings(rules.terminology, places),
  ];
  return { classification, rules, valueSetWarnings };
}

/**
 * A file of fhir-resources/value-sets/. A site's file is elsewhere: naming a shipped file in
 * `valueSets.files` loads its url twice, which is refused.
 */
const isShipped = (file: string): boolean => dirname(resolve(file)) === PATHS.valueSets;

/**
 * The code systems' URIs (fhir-resources/code-systems.json, rules page §5) and their OIDs as
 * `urn:oid:`, both of which a value set may name.
 */
function systemUris(namingSystems: readonly object[]): string[] {
  return namingSystems.flatMap((ns) =>
    ((ns as { uniqueId?: { type?: string; value?: string }[] }).uniqueId ?? []).flatMap((id) => {
      if (!id.value) return [];
      if (id.type === 'uri') return [id.value];
      return id.type === 'oid' ? [`urn:oid:${id.value}`] : [];
    }),
  );
}
