/**
 * The rule settings compiled from plain data: value sets, naming systems, windows and text
 * patterns. The service compiles them from its configuration at load, and the EMD timeline
 * app compiles the very same inputs (served at GET /timeline/settings.json) in the browser,
 * so both classify a finding the same way.
 */
import { compileNegationCues, NO_NEGATION, type NegationSource } from './negation.js';
import { compileContextCues, NO_CONTEXT, type ContextSource } from './text-context.js';
import { compileStatusWords } from './status-words.js';
import { compileTerminology } from './compile-terminology.js';
import type { ValueSetRole } from './value-set-roles.js';
import { patternAsSeen } from './text-as-seen.js';
import type { Indicator, RuleId, RuleSettings } from './types.js';

/**
 * How the text-only patterns are compiled: ignoring case, with Unicode (code points, `\p{…}`).
 * The config's load check times them with the same flags (../config/linear-pattern.ts).
 */
export const TEXT_PATTERN_FLAGS = 'iu';

/**
 * A text pattern as matched: against the words as a reader sees them (H150), so read so too,
 * or a site's pattern typed in full-width characters would match no text at all.
 */
const textPattern = (source: string): RegExp =>
  new RegExp(patternAsSeen(source), TEXT_PATTERN_FLAGS);

/** What finding classification, phase and imaging coverage need, as JSON-safe data. */
export interface ClassificationSource {
  /** NamingSystem resources: the URIs and OIDs each code system is known by. */
  namingSystems: readonly object[];
  /** Every ValueSet resource loaded (the shipped ones, then the site's own). */
  valueSets: readonly object[];
  /** Which ValueSet (canonical URL) plays each role. */
  valueSetRoles: Readonly<Record<ValueSetRole, string>>;
  phaseWindowDays: number;
  imagingLookbackDays: number;
  /** Regular-expression sources, matched case-insensitively with Unicode (`iu`). */
  textOnlyPatterns: readonly string[];
  /** H88: negation cues for the patterns' matches; absent, no match is negated. */
  textOnlyNegation?: NegationSource;
  /** H100, H101: family, history and hedge cues; absent, no match is read so. */
  textOnlyContext?: ContextSource;
  /** H136: a myeloma diagnosis in words, for the explain trace only; absent, none is read. */
  myelomaTextPatterns?: readonly string[];
  /** H135: another disease in words, for the explain trace only; absent, none is read. */
  otherDiseaseTextPatterns?: readonly string[];
  /**
   * Words a status given only as text is read as: history, or ignored (refuted / entered in
   * error); and the abatementString words that say a Condition has not abated (H96).
   */
  statusWords?: {
    history: readonly string[];
    ignored: readonly string[];
    notAbated: readonly string[];
  };
}

/** Which rules raise cards and at what level; no part of classification. */
export interface CardLevels {
  disabledRules: ReadonlySet<RuleId>;
  indicators: Readonly<Partial<Record<RuleId, Indicator>>>;
}

/** Throws TerminologyError when a value set cannot be compiled. */
export function compileRuleSettings(
  source: ClassificationSource,
  levels: CardLevels = { disabledRules: new Set(), indicators: {} },
): RuleSettings {
  const textOnlyNegation = source.textOnlyNegation
    ? compileNegationCues(source.textOnlyNegation)
    : NO_NEGATION;
  return {
    terminology: compileTerminology(source.namingSystems, source.valueSets, source.valueSetRoles),
    phaseWindowDays: source.phaseWindowDays,
    imagingLookbackDays: source.imagingLookbackDays,
    textOnlyPatterns: source.textOnlyPatterns.map(textPattern),
    textOnlyNegation,
    myelomaTextPatterns: source.myelomaTextPatterns?.map(textPattern),
    otherDiseaseTextPatterns: source.otherDiseaseTextPatterns?.map(textPattern),
    textOnlyContext: source.textOnlyContext
      ? compileContextCues(source.textOnlyContext, textOnlyNegation.scopeEnds)
      : NO_CONTEXT,
    // Without words every text status is unreadable: uncertain, which never escalates; and
    // every abatementString an abatement (the letter).
    statusWords: compileStatusWords(
      source.statusWords ?? { history: [], ignored: [], notAbated: [] },
    ),
    disabledRules: levels.disabledRules,
    indicators: levels.indicators,
  };
}
