/**
 * Rules page §2 "Text only": a Condition with no coding from a KNOWN system (the systems the
 * loaded terminology knows: ICD-10-CM, SNOMED CT, ICD-O-3 … under their URIs or OIDs, and any a
 * site's value sets use) whose text matches a plasmacytoma pattern raises `emd-unclassified`
 * (info) asking for a code. A Condition coded in a known system is not text-only, whatever its
 * text says: ICD-10-CM D75.89 "extramedullary hematopoiesis" is not a plasmacytoma (issue #13;
 * this reverses the earlier reading that any code outside our value sets made text-only).
 */
import { excludedBecause, readConditionStatus } from './condition-status.js';
import type { RecordEntry } from './patient-record.js';
import type { RuleSettings, TraceLine } from './types.js';
import type { UncertainStatus } from './uncertain-status.js';
import { patternHit, type PatternHit } from './text-reading.js';
import { textAsSeen } from './text-as-seen.js';
import { traditionalTextMessage } from './traditional-text-line.js';

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
  // The cheap test first: most Conditions (hypertension, diabetes…) mention no plasmacytoma.
  const hit = patternHit(entry.resource.code, settings);
  if (hit === undefined) return traditionalOnly(entry, settings);
  const read = readMention(entry, hit, settings, now);
  if (read.line === undefined) return read;
  const seen = textAsSeen(hit.text);
  if (seen === hit.text) return read;
  // H150: the words were matched as a reader sees them; the trace shows what that was.
  return { ...read, line: { ...read.line, message: `${read.line.message}${seenNote(seen)}` } };
}

/** The words as the patterns read them, quoted with nothing a reader would not see. */
const seenNote = (seen: string): string =>
  `; read as "${seen}" (HTML character references, full-width forms and format characters as a reader sees them, H150)`;

/** What a Condition whose words a pattern matched (`hit`) is: a mention, or why not. */
function readMention(
  entry: RecordEntry<fhir4.Condition>,
  hit: PatternHit,
  settings: RuleSettings,
  now: Date,
): { mention?: TextOnlyMention; line?: TraceLine } {
  const condition = entry.resource;
  const { text } = hit;
  const codings = condition.code?.coding ?? [];
  const notCurrent = notCurrentMessage(hit);
  if (notCurrent !== undefined) {
    if (isCodedInKnownSystem(codings, settings)) return NOT_TEXT_ONLY;
    return { line: { reference: entry.reference, message: notCurrent } };
  }
  const status = readConditionStatus(condition, settings.statusWords, now);
  if (status.certainty === 'excluded' || status.isHistory) {
    if (isCodedInKnownSystem(codings, settings)) return NOT_TEXT_ONLY;
    // Rules page §6: never dropped silently. History or void raises no card; the trace says so.
    return {
      line: {
        reference: entry.reference,
        message: `text-only plasmacytoma "${text}" raises no card: ${status.certainty === 'excluded' ? excludedBecause(status) : `history (${status.historyBecause ?? 'history'})`}`,
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
      message: `text-only plasmacytoma: "${text}" matches a text pattern and has no coding from a known system${isUncoded ? '' : ` (only codes in ${systemsNoDiagnosisSetUses(codings, settings)}: ${unknownSystems(codings)})`}${hit.fromOriginalText ? FROM_ORIGINAL_TEXT : ''}`,
    },
  };
}

const NOT_TEXT_ONLY: { mention?: TextOnlyMention; line?: TraceLine } = Object.freeze({});

/** H151: words in Traditional Chinese no shipped pattern reads, named in the trace. */
function traditionalOnly(
  entry: RecordEntry<fhir4.Condition>,
  settings: RuleSettings,
): { line?: TraceLine } {
  const { code } = entry.resource;
  if (isCodedInKnownSystem(code?.coding ?? [], settings)) return NOT_TEXT_ONLY;
  const message = traditionalTextMessage(code, settings);
  return message === undefined ? NOT_TEXT_ONLY : { line: { reference: entry.reference, message } };
}

/** H143: the words were the code's originalText extension, read as its text. */
const FROM_ORIGINAL_TEXT =
  '; its text is read from the originalText extension of its code, which has no code.text (the feed should send the words as code.text)';

/**
 * Why a matching text is not a current mention, for the trace; undefined when it is one. Rules
 * page §6: never dropped silently, so each says what it read and which cue.
 */
function notCurrentMessage({
  text,
  negatedBy,
  familyBy,
  historyBy,
}: PatternHit): string | undefined {
  // H88: "No evidence of extramedullary disease" says there is none.
  if (negatedBy !== undefined)
    return `"${text}" matches a text pattern but says there is none ("${negatedBy}"): not a text-only plasmacytoma, no card`;
  // H100: a relative's disease is no finding of this patient's.
  if (familyBy !== undefined)
    return `"${text}" matches a text pattern but names a relative's disease ("${familyBy}"): not this patient's finding, no card (H100)`;
  // H100: rules page §2, a history Condition raises no card of its own.
  if (historyBy !== undefined)
    return `text-only plasmacytoma "${text}" raises no card: its text reads as history ("${historyBy}"), and history raises no card of its own (rules page §2; H100)`;
  return undefined;
}

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
