/**
 * H151: a Condition in no known code system whose words match no text-only pattern as written,
 * but would in Simplified Chinese (漿細胞瘤 → 浆细胞瘤, 軟腦膜骨髓瘤, 中樞神經系統浸潤): written
 * in Traditional Chinese, as Taiwan and Hong Kong hospitals write. Rules page §2 raises the info
 * card where the text matches the configured patterns, and the shipped ones are Simplified;
 * whether they should read Traditional Chinese is the clinical team's to decide. Until then no
 * card, but §6 ("never drops a finding silently") asks that the trace say so.
 */
import { asSimplified } from './traditional-chinese.js';
import { patternHit, type TextSettings } from './text-reading.js';

/** The trace line's message, or undefined when the Condition's words are no such mention. */
export function traditionalTextMessage(
  code: fhir4.CodeableConcept | undefined,
  settings: TextSettings,
): string | undefined {
  for (const text of wordsOf(code)) {
    const simplified = asSimplified(text);
    if (simplified === undefined) continue;
    const hit = patternHit({ text: simplified }, settings);
    // A negated, family or history mention would raise no card either: nothing to say.
    const readAsNoFinding =
      hit === undefined ||
      hit.negatedBy !== undefined ||
      hit.familyBy !== undefined ||
      hit.historyBy !== undefined;
    if (readAsNoFinding) continue;
    return `its text "${text}" matches no text-only pattern as written, but would in Simplified Chinese ("${simplified}"): Traditional Chinese is not read by the shipped patterns, so no card (H151); if this site's records are written in Traditional Chinese, it adds its own textOnlyPatterns for them (docs/configuring.md)`;
  }
  return undefined;
}

/** The code's text, then its codings' displays. */
function wordsOf(code: fhir4.CodeableConcept | undefined): string[] {
  const words = code?.text ? [code.text] : [];
  for (const coding of code?.coding ?? []) if (coding.display) words.push(coding.display);
  return words;
}
