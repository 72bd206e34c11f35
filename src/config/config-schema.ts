/**
 * The configuration file (YAML), as a zod schema: one file for everything a site may
 * change — rules, value sets, windows, wording, links, and the service's own settings. Every
 * field has a default; with no file at all, the defaults reproduce
 * ../shared/spec/emd-rules.md exactly. A JSON Schema generated from this one
 * (config/emd-cds.schema.json) lets editors autocomplete the file. The sections themselves are
 * in ./config-clinical-schema.ts and ./config-service-schema.ts.
 */
import { z } from 'zod';
import {
  imagingSection,
  linksSection,
  overrideReasonsSection,
  phaseSection,
  rulesSection,
  statusWordsSection,
  textOnlyPatternsSection,
  valueSetsSection,
  wordingSection,
} from './config-clinical-schema.js';
import { authSection, fhirSection, serviceSection, storeSection } from './config-service-schema.js';
import { unacknowledgedWeakenings } from './critical-guard.js';

export const configSchema = z
  .strictObject({
    service: serviceSection,
    fhir: fhirSection,
    auth: authSection,
    rules: rulesSection,
    phase: phaseSection,
    imaging: imagingSection,
    textOnlyPatterns: textOnlyPatternsSection,
    statusWords: statusWordsSection,
    valueSets: valueSetsSection,
    links: linksSection,
    overrideReasons: overrideReasonsSection,
    store: storeSection,
    wording: wordingSection,
  })
  .superRefine((config, ctx) => {
    for (const issue of unacknowledgedWeakenings(config.rules))
      ctx.addIssue({ code: 'custom', ...issue });
  });
export type Config = z.infer<typeof configSchema>;

/** The built-in configuration: what a service with no config file runs. */
export const DEFAULT_CONFIG: Config = configSchema.parse({});
