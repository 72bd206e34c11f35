/**
 * Builds the settings snapshot from a configuration and the data files it names: value sets
 * and code systems (fhir-resources/ plus the site's own), card wording (config/wording/ or the
 * site's folder), service definitions (cds-hooks/services/). Everything is read and checked
 * once per load (./load-data-files.ts); problems stop the load with a message naming each at
 * its file, and a reload that fails leaves the running settings in place.
 */
import { resolve } from 'node:path';
import { RULE_IDS } from '../rules/types.js';
import { hashOf } from './config-hash.js';
import { DEFAULT_CONFIG, type Config } from './config-schema.js';
import { readJson } from './data-files.js';
import { DEFAULTS } from './defaults.js';
import { publicBaseUrlOf } from './environment.js';
import { loadDataFiles } from './load-data-files.js';
import { PATHS } from './project-paths.js';
import { startOnlyFingerprints } from './start-only-keys.js';
import { indexDesignations } from '../rules/concept-labels.js';
import type { ServiceSettings } from '../cds/service-settings.js';

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
  const { valueSets, namingSystems, wording, services, classification, rules, valueSetWarnings } =
    loadDataFiles(config, relativeTo, source.file);
  const version = (readJson(PATHS.packageJson) as { version: string }).version;
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
      conceptLabels: indexDesignations(valueSets, (coding) => rules.terminology.keyOf(coding)),
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
    // The config and every file it loaded, and nothing else: `validate` prints this hash from
    // the files alone, and /readyz must show the same one (docs/configuring.md §1). So the
    // default timeline link, which PUBLIC_BASE_URL or PORT moves, is left out; a link the
    // file sets (or null) is in `config`.
    configHash: hashOf({ config, valueSets, namingSystems, wording, services }),
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
        (valueSets as readonly { url?: string; name?: string; title?: string }[]).flatMap((vs) =>
          vs.url ? [[vs.url, vs.title ?? vs.name ?? vs.url]] : [],
        ),
      ),
      valueSetWarnings,
      startOnly: startOnlyFingerprints(config),
      valueSetFiles: [...config.valueSets.files],
      wordingDir: config.wording.dir,
    },
  };
}
