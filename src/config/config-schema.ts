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
  textOnlyContextSection,
  textOnlyMyelomaPatternsSection,
  textOnlyNegationSection,
  textOnlyOtherDiseasePatternsSection,
  textOnlyPatternsSection,
  valueSetsSection,
  wordingSection,
} from './config-clinical-schema.js';
import {
  authSection,
  fhirSection,
  serviceSection,
  storeSection,
  timelineSection,
} from './config-service-schema.js';
import { cappedLevels } from './capped-levels.js';
import { unacknowledgedWeakenings } from './critical-guard.js';
import { statusWordConflicts } from './status-word-conflicts.js';
import { unacknowledgedNarrowing } from './text-only-coverage.js';

/** A YAML map read as plain data (neither a list nor a scalar). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const configSchema = z
  .strictObject({
    service: serviceSection,
    fhir: fhirSection,
    auth: authSection,
    rules: rulesSection,
    phase: phaseSection,
    imaging: imagingSection,
    textOnlyPatterns: textOnlyPatternsSection,
    textOnlyNegation: textOnlyNegationSection,
    textOnlyContext: textOnlyContextSection,
    textOnlyMyelomaPatterns: textOnlyMyelomaPatternsSection,
    textOnlyOtherDiseasePatterns: textOnlyOtherDiseasePatternsSection,
    statusWords: statusWordsSection,
    valueSets: valueSetsSection,
    links: linksSection,
    overrideReasons: overrideReasonsSection,
    store: storeSection,
    timeline: timelineSection,
    wording: wordingSection,
  })
  .superRefine(
    (config, ctx) => {
      // Only the rules whose own settings parsed: another's values may be anything.
      const hasIssue = (id: string) =>
        ctx.issues.some((issue) => issue.path?.[0] === 'rules' && issue.path[1] === id);
      const rules = Object.fromEntries(
        Object.entries(config.rules).filter(([id]) => !hasIssue(id)),
      );
      for (const issue of unacknowledgedWeakenings(rules))
        ctx.addIssue({ code: 'custom', ...issue });
    },
    // zod skips a refinement once another key has failed; this one runs whenever `rules` is
    // a map, so a critical rule switched off without an acknowledgement is reported with a
    // typo elsewhere in the file, not after it is fixed.
    { when: ({ value }) => isRecord(value) && isRecord(value.rules) },
  )
  // Rules page §6 "whatever the configuration says": settings that would break it, each at
  // its key. Only once the rest of the file parsed, since each compares two sections.
  .superRefine((config, ctx) => {
    // A section that failed holds anything: these compare values that parsed.
    if (ctx.issues.length > 0) return;
    const issues = [
      ...statusWordConflicts(config.statusWords, config.textOnlyContext),
      ...cappedLevels(config.rules),
    ];
    const narrowing = unacknowledgedNarrowing(
      config.textOnlyPatterns,
      config.rules['emd-unclassified']?.acknowledgement,
    );
    if (narrowing) issues.push(narrowing);
    for (const issue of issues) ctx.addIssue({ code: 'custom', ...issue });
  });

export type Config = z.infer<typeof configSchema>;

/** The built-in configuration: what a service with no config file runs. */
export const DEFAULT_CONFIG: Config = configSchema.parse({});
