/**
 * Rules page §2 "Text only": a Condition with no coding from a KNOWN system (the systems the
 * loaded terminology knows: ICD-10-CM, SNOMED CT, ICD-O-3 … under their URIs or OIDs, and any a
 * site's value sets use) whose text matches a plasmacytoma pattern raises `emd-unclassified`
 * (info) asking for a code. A Condition coded in a known system is not text-only, whatever its
 * text says: ICD-10-CM D75.89 "extramedullary hematopoiesis" is not a plasmacytoma (issue #13;
 * this reverses the earlier reading that any code outside our value sets made text-only).
 */
import { readConditionStatus } from './condition-status.js';
import type { RecordEntry } from './patient-record.js';
import type { RuleSettings, TraceLine } from './types.js';
import type { UncertainStatus } from './uncertain-status.js';
import { negationCue } from './negation.js';

export interface TextOnlyMention {
  reference: string;
  text: string;
  /** Unconfirmed, provisional or differential, or a status that could not be read. */
  isUncertain: boolean;
  statusUnreadable: boolean;
  /** What makes it uncertain: its verification code, an unreadable status; else empty. */
  uncertainBecause: readonly UncertainStatus[];
  /** No coding at all (rather than codings only in systems the service does not know). */
  isUncoded: boolean;
}

/** The mention, if the Condition is one, and the trace line saying why (or why not). */
export function textOnlyMention(
  entry: RecordEntry<fhir4.Condition>,
  settings: RuleSettings,
  now: Date,
): { mention?: TextOnlyMention; line?: TraceLine } {
  const condition = entry.resource;
  // The cheap test first: most Conditions (hypertension, diabetes…) mention no plasmacytoma.
  const hit = patternHit(condition.code, settings);
  if (hit === undefined) return NOT_TEXT_ONLY;
  const { text, negatedBy } = hit;
  const codings = condition.code?.coding ?? [];
  if (negatedBy !== undefined) {
    if (isCodedInKnownSystem(codings, settings)) return NOT_TEXT_ONLY;
    // H88: "No evidence of extramedullary disease" says there is none; the trace says why.
    return {
      line: {
        reference: entry.reference,
        message: `"${text}" matches a text pattern but says there is none ("${negatedBy}"): not a text-only plasmacytoma, no card`,
      },
    };
  }
  const status = readConditionStatus(condition, settings.statusWords, now);
  if (status.certainty === 'excluded' || status.isHistory) {
    if (isCodedInKnownSystem(codings, settings)) return NOT_TEXT_ONLY;
    // Rules page §6: never dropped silently. History or void raises no card; the trace says so.
    return {
      line: {
        reference: entry.reference,
        message: `text-only plasmacytoma "${text}" raises no card: ${status.certainty === 'excluded' ? 'its verification status is refuted or entered in error' : `history (${status.historyBecause ?? 'history'})`}`,
      },
    };
  }
  if (isCodedInKnownSystem(codings, settings)) {
    return {
      line: {
        reference: entry.reference,
        message: `"${text}" matches a text pattern but is coded in a known system outside the finding value sets: not text-only (rules page §2); a site may add the code to a value set`,
      },
    };
  }
  const isUncoded = !codings.some(hasCode);
  return {
    mention: {
      reference: entry.reference,
      text,
      isUncertain: status.certainty === 'uncertain',
      statusUnreadable: status.unreadable.length > 0,
      uncertainBecause: status.uncertainBecause,
      isUncoded,
    },
    line: {
      reference: entry.reference,
      message: `text-only plasmacytoma: "${text}" matches a text pattern and has no coding from a known system${isUncoded ? '' : ` (only codes in ${systemsNoDiagnosisSetUses(codings, settings)}: ${unknownSystems(codings)})`}`,
    },
  };
}

const NOT_TEXT_ONLY: { mention?: TextOnlyMention; line?: TraceLine } = Object.freeze({});

/** A coding that names a system but carries no code is not a code from it. */
export const hasCode = (coding: fhir4.Coding): boolean =>
  typeof coding.code === 'string' && coding.code.trim() !== '';

/**
 * Rules page §2: a code from a known system, which makes a Condition not text-only. Known for a
 * Condition's code: a system a myeloma, phase or finding value set uses, or a NamingSystem's;
 * one only a site or order value set uses is not (H105).
 */
export function isCodedInKnownSystem(
  codings: readonly fhir4.Coding[],
  settings: RuleSettings,
): boolean {
  return codings.some((c) => hasCode(c) && settings.terminology.isConditionCodeSystem(c.system));
}

/**
 * How the trace names the systems of a Condition coded in no known system: "a system no loaded
 * value set uses", or, when a site, imaging or order value set uses one of them, that (H105).
 */
function systemsNoDiagnosisSetUses(
  codings: readonly fhir4.Coding[],
  settings: RuleSettings,
): string {
  return codings.some((c) => hasCode(c) && settings.terminology.isKnownSystem(c.system))
    ? 'a system only site, imaging or order value sets use'
    : 'a system no loaded value set uses';
}

/** The systems of its codes, as written: WHO ICD-10 or a national edition is not "local". */
const unknownSystems = (codings: readonly fhir4.Coding[]): string =>
  [...new Set(codings.filter(hasCode).map((c) => c.system ?? 'no system'))].join(', ');

/** The text that matched a pattern; `negatedBy` when every match in it was negated (H88). */
export interface PatternHit {
  text: string;
  negatedBy?: string;
}

/**
 * The code's text, else the first coding display, that matches a pattern and is not negated;
 * failing that, the first whose every match is negated, with its cue. Loops rather than arrays:
 * it runs on every Condition that is not a finding, thousands in a long record.
 */
export function patternHit(
  code: fhir4.CodeableConcept | undefined,
  settings: Pick<RuleSettings, 'textOnlyPatterns' | 'textOnlyNegation'>,
): PatternHit | undefined {
  const text = code?.text;
  const read = text ? readText(text, settings) : undefined;
  if (read === LIVE) return { text: text ?? '' };
  let negated = text && read ? { text, negatedBy: read } : undefined;
  for (const coding of code?.coding ?? []) {
    const display = coding.display;
    if (!display) continue;
    const cue = readText(display, settings);
    if (cue === LIVE) return { text: display };
    if (cue !== undefined) negated ??= { text: display, negatedBy: cue };
  }
  return negated;
}

/** The text of a mention: it matches and not every match is negated. */
export function patternText(
  code: fhir4.CodeableConcept | undefined,
  settings: Pick<RuleSettings, 'textOnlyPatterns' | 'textOnlyNegation'>,
): string | undefined {
  const hit = patternHit(code, settings);
  return hit && hit.negatedBy === undefined ? hit.text : undefined;
}

const LIVE = Symbol('a match no cue negates');

/**
 * Negated matches read in one text at most. A real text negates a mention once or twice; a
 * text of 4 MB repeating "无髓外" held the event loop for 2 s, checking each (issue #19). Past
 * this many the text counts as a mention: the cautious reading, an info card asking for a code.
 */
export const MAX_NEGATED_MATCHES = 32;

/** LIVE when some match is not negated, else the first negated one's cue; undefined: no match. */
function readText(
  text: string,
  {
    textOnlyPatterns,
    textOnlyNegation,
  }: Pick<RuleSettings, 'textOnlyPatterns' | 'textOnlyNegation'>,
): typeof LIVE | string | undefined {
  let firstCue: string | undefined;
  let negatedMatches = 0;
  for (const pattern of textOnlyPatterns) {
    // The cheap test first: most texts match no pattern, and most matches are not negated.
    if (!pattern.test(text)) continue;
    const all = globalTwin(pattern);
    all.lastIndex = 0;
    for (let match = all.exec(text); match; match = all.exec(text)) {
      const cue = negationCue(text, match.index, match.index + match[0].length, textOnlyNegation);
      if (cue === undefined || ++negatedMatches > MAX_NEGATED_MATCHES) return LIVE;
      firstCue ??= cue;
      // A pattern that can match nothing must still move on (by a code point, flag `u`).
      if (match[0] === '') all.lastIndex += (text.codePointAt(all.lastIndex) ?? 0) > 0xffff ? 2 : 1;
    }
  }
  return firstCue;
}

/** Each pattern's `g` twin, to visit every match; made once per compiled pattern. */
const globalTwins = new WeakMap<RegExp, RegExp>();
function globalTwin(pattern: RegExp): RegExp {
  let twin = globalTwins.get(pattern);
  if (!twin) {
    twin = new RegExp(pattern.source, `${pattern.flags}g`);
    globalTwins.set(pattern, twin);
  }
  return twin;
}
