/**
 * Rules page §3.1: myeloma is read from codes; "No myeloma → no cards" (H17). A myeloma
 * diagnosis written only as text ("Multiple myeloma", 多发性骨髓瘤, no code from a known system)
 * is not read as the diagnosis (§2 "Text only": text never raises more than the info card
 * asking for a plasmacytoma's code), so the patient gets no card, by design. The explain trace
 * said only "the patient has no (non-refuted) myeloma Condition" and named no Condition (probe
 * 11, F4; hazard H136). These lines name each Condition whose text reads as myeloma, as the
 * H74 lines (./unread-codes.ts) name one coded in an unknown system. The trace only: no card.
 */
import { certaintyOf } from './condition-status.js';
import type { PatientRecord } from './patient-record.js';
import { patternHit, type TextSettings } from './text-reading.js';
import { isCodedInKnownSystem } from './text-only.js';
import type { RuleSettings, TraceLine } from './types.js';

/** Named one by one up to this many, as ./unread-codes.ts does; the others are counted. */
const NAMED_AT_MOST = 10;

/**
 * One line per non-refuted Condition with no code from a known system whose text reads as
 * myeloma, leaving out those `named` (an H74 line already says what to do with them).
 */
export function myelomaTextLines(
  record: PatientRecord,
  settings: RuleSettings,
  named: ReadonlySet<string | undefined>,
): TraceLine[] {
  const reading = textSettingsOf(settings);
  if (reading === undefined) return [];
  const lines: TraceLine[] = [];
  let more = 0;
  for (const { reference, resource } of record.conditions) {
    if (named.has(reference)) continue;
    if (isCodedInKnownSystem(resource.code?.coding ?? [], settings)) continue;
    const hit = patternHit(resource.code, reading);
    // A negation or a relative's disease names no myeloma of this patient's; a past one does
    // (§3.1: whatever its clinical status), so history still gets its line.
    if (hit === undefined || hit.negatedBy !== undefined || hit.familyBy !== undefined) continue;
    if (certaintyOf(resource, settings.statusWords) === 'excluded') continue;
    if (lines.length === NAMED_AT_MOST) {
      more += 1;
      continue;
    }
    lines.push({
      reference,
      message: `its text "${hit.text}" reads as myeloma, but it has no code from a known system: not read as the myeloma diagnosis (rules page §3.1, §2 Text only); code it (${settings.terminology.urlOf('multipleMyeloma')}: ICD-10-CM C90.0x, SNOMED CT 109989006) for the rules to run`,
    });
  }
  if (more > 0)
    lines.push({
      message: `and ${String(more)} more Condition(s) whose text reads as myeloma, with no code from a known system`,
    });
  return lines;
}

/**
 * The reading settings of the myeloma patterns, made once per settings object: the text
 * reader keeps its readings by settings object (./text-reading.ts).
 */
const textSettings = new WeakMap<RuleSettings, TextSettings>();

function textSettingsOf(settings: RuleSettings): TextSettings | undefined {
  const patterns = settings.myelomaTextPatterns;
  if (patterns === undefined || patterns.length === 0) return undefined;
  let reading = textSettings.get(settings);
  if (!reading) {
    reading = {
      textOnlyPatterns: patterns,
      textOnlyNegation: settings.textOnlyNegation,
      textOnlyContext: settings.textOnlyContext,
    };
    textSettings.set(settings, reading);
  }
  return reading;
}
