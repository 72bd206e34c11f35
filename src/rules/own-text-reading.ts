/**
 * H101: a coded finding whose own text says otherwise ("排除脑膜浸润", "Leptomeningeal myeloma -
 * ruled out", 软脑膜浸润待排, "r/o leptomeningeal disease"). Its card keeps the level its codes
 * and statuses give: rules page §2 counts an absent verificationStatus as confirmed, §3.3 makes a
 * Condition coded in the value sets a finding, and text never lowers a coded finding (H88). A
 * wrong lowering would hide a critical card; a wrong critical card is seen and overridden. The
 * explain trace says what the text reads as and why it was not followed, so that an informatics
 * team can have the EHR send the verificationStatus the clinician meant.
 */
import type { ConditionStatus } from './condition-status.js';
import { readDiagnosesicherheit } from './icd10gm-certainty.js';
import { patternHit, type TextSettings } from './text-reading.js';

/** The trace's note (`; its own text …`), or undefined when the text reads as a mention. */
export function ownTextNote(
  condition: fhir4.Condition,
  status: ConditionStatus,
  settings: TextSettings,
): string | undefined {
  const text = condition.code?.text;
  if (!text) return undefined;
  // The text alone: a coding's display is the code system's name for the code, not the record's.
  const hit = patternHit({ text }, settings);
  if (hit === undefined) return undefined;
  const reading =
    hit.negatedBy !== undefined
      ? `a negation ("${hit.negatedBy}")`
      : hit.familyBy !== undefined
        ? `a relative's disease ("${hit.familyBy}")`
        : hit.historyBy !== undefined
          ? `history ("${hit.historyBy}")`
          : hit.hedgedBy !== undefined
            ? `suspected, not confirmed ("${hit.hedgedBy}")`
            : undefined;
  if (reading === undefined) return undefined;
  const said = `; its own text "${text}" reads as ${reading}`;
  // Where the element says nothing, ICD-10-GM's Diagnosesicherheit may have spoken (H130).
  const hasElement = holdsStatus(condition.verificationStatus);
  const sicherheit = hasElement ? undefined : readDiagnosesicherheit(condition.code);
  // Named only for what it said: a G beside an unreadable clinicalStatus lowers nothing.
  const gmSaid = (verification: string) =>
    sicherheit?.verification === verification ? sicherheit.verificationFrom : undefined;
  if (status.certainty === 'uncertain') {
    const lowering = gmSaid('provisional');
    const lowers = lowering
      ? `its ICD-10-GM Diagnosesicherheit ${lowering} lowers its card`
      : 'its verificationStatus lowers its card';
    return `${said}; ${lowers}, its text does not (H101)`;
  }
  const confirming = gmSaid('confirmed');
  const why = hasElement
    ? 'its verificationStatus says confirmed'
    : confirming
      ? `its ICD-10-GM Diagnosesicherheit ${confirming} says confirmed`
      : 'it has no verificationStatus, which counts as confirmed (rules page §2)';
  return `${said}, but ${why}, and text never lowers a coded finding: the card keeps its level (H101)`;
}

/** The element says something: a text, or a coding with a code or a display. */
function holdsStatus(concept: fhir4.CodeableConcept | undefined): boolean {
  if (!concept) return false;
  const said = (value: unknown) => typeof value === 'string' && value.trim() !== '';
  return said(concept.text) || (concept.coding ?? []).some((c) => said(c.code) || said(c.display));
}
