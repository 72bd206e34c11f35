/**
 * The service's classification settings (GET /timeline/settings.json, src/http/timeline-app.ts),
 * compiled with the same src/rules/ functions the service uses at load: the rules, and the
 * value sets' names for concepts in each language (their `designation`s), which name sites.
 */
import { indexDesignations, type ConceptLabels } from '../../src/rules/concept-labels.js';
import { compileRuleSettings, type ClassificationSource } from '../../src/rules/rule-settings.js';
import { FINDING_CLASSES, type FindingClass, type RuleSettings } from '../../src/rules/types.js';

export interface TimelineSettings {
  rules: RuleSettings;
  /** Every served value set's designations, keyed as the rules key codes. */
  conceptLabels: ConceptLabels;
  classLabels: Readonly<Record<string, Readonly<Record<FindingClass, string>>>>;
  /** Locale → what joins a list's items, as the cards join them (、 in Chinese). */
  listSeparators: Readonly<Record<string, string>>;
  /** Locale → what a site, study or report the record names in no way is called, as on cards. */
  unnamedLabels: Readonly<Record<string, UnnamedLabels>>;
  configHash: string;
}

/** The card wording's `unnamedLabels`: by what the record leaves unnamed. */
export type UnnamedLabels = Readonly<Record<(typeof UNNAMED)[number], string>>;
const UNNAMED = ['bodySite', 'ImagingStudy', 'DiagnosticReport'] as const;

interface ServedSettings {
  configHash: string;
  classification: ClassificationSource;
  classLabels: Record<string, Record<FindingClass, string>>;
  listSeparators: Record<string, string>;
  unnamedLabels: Record<string, UnnamedLabels>;
}

function isServedSettings(value: unknown): value is ServedSettings {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<ServedSettings>;
  const c = v.classification;
  return (
    typeof v.configHash === 'string' &&
    typeof c === 'object' &&
    Array.isArray(c.valueSets) &&
    Array.isArray(c.namingSystems) &&
    Array.isArray(c.textOnlyPatterns) &&
    typeof c.valueSetRoles === 'object' &&
    typeof v.classLabels === 'object' &&
    Object.values(v.classLabels).every((labels) =>
      FINDING_CLASSES.every((name) => typeof labels[name] === 'string'),
    ) &&
    typeof v.listSeparators === 'object' &&
    Object.values(v.listSeparators).every((separator) => typeof separator === 'string') &&
    typeof v.unnamedLabels === 'object' &&
    Object.values(v.unnamedLabels).every((labels) =>
      UNNAMED.every((name) => typeof labels[name] === 'string'),
    )
  );
}

/** Throws when the document is missing or not the shape the service serves. */
export function compileTimelineSettings(document: unknown): TimelineSettings {
  if (!isServedSettings(document)) throw new Error('settings.json is not in the expected shape');
  const rules = compileRuleSettings(document.classification);
  return {
    rules,
    conceptLabels: indexDesignations(document.classification.valueSets, (coding) =>
      rules.terminology.keyOf(coding),
    ),
    classLabels: document.classLabels,
    listSeparators: document.listSeparators,
    unnamedLabels: document.unnamedLabels,
    configHash: document.configHash,
  };
}
