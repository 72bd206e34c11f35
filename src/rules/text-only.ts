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

export interface TextOnlyMention {
  reference: string;
  text: string;
  /** Unconfirmed, provisional or differential, or a status that could not be read. */
  isUncertain: boolean;
  statusUnreadable: boolean;
  /** No coding at all (rather than codings only in systems the service does not know). */
  isUncoded: boolean;
}

/** The mention, if the Condition is one, and the trace line saying why (or why not). */
export function textOnlyMention(
  entry: RecordEntry<fhir4.Condition>,
  settings: RuleSettings,
): { mention?: TextOnlyMention; line?: TraceLine } {
  const condition = entry.resource;
  const codings = condition.code?.coding ?? [];
  // The cheap test first: most Conditions (hypertension, diabetes…) mention no plasmacytoma.
  const texts = [condition.code?.text, ...codings.map((c) => c.display)].filter((t): t is string =>
    Boolean(t),
  );
  const text = texts.find((t) => settings.textOnlyPatterns.some((pattern) => pattern.test(t)));
  if (text === undefined) return {};
  const status = readConditionStatus(condition, settings.statusWords);
  if (status.certainty === 'excluded' || status.isHistory) return {};
  if (codings.some((c) => settings.terminology.isKnownSystem(c.system))) {
    return {
      line: {
        reference: entry.reference,
        message: `"${text}" matches a text pattern but is coded in a known system outside the finding value sets: not text-only (rules page §2); a site may add the code to a value set`,
      },
    };
  }
  const isUncoded = !codings.some((c) => c.code);
  return {
    mention: {
      reference: entry.reference,
      text,
      isUncertain: status.certainty === 'uncertain',
      statusUnreadable: status.unreadable.length > 0,
      isUncoded,
    },
    line: {
      reference: entry.reference,
      message: `text-only plasmacytoma: "${text}" matches a text pattern and has no coding from a known system${isUncoded ? '' : ' (only a local code)'}`,
    },
  };
}
