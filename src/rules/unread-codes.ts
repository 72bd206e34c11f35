/**
 * Conditions whose codes the service never read, named in the explain trace when the patient
 * has no myeloma Condition. Rules page §2 "Codes": a code matches by system + code from the
 * value sets, so a diagnosis coded only in a system no loaded value set uses (WHO ICD-10, or
 * China's national clinical edition, before a site adds its codes) is not myeloma, and §3.1
 * then gives no cards at all. A bare "no myeloma Condition" hid why; these lines name the
 * Condition, its codes and their system, so an informatics team sees what to add
 * (docs/configuring.md, example h). The trace only: no card, no level, changes.
 */
import { readConditionStatus } from './condition-status.js';
import { recordWords } from './labels.js';
import type { PatientRecord } from './patient-record.js';
import { hasCode, isCodedInKnownSystem } from './text-only.js';
import type { RuleSettings, TraceLine } from './types.js';

/** Named one by one up to this many; a long record's other diagnoses are counted. */
const NAMED_AT_MOST = 10;

/**
 * One line per Condition coded only in systems the loaded value sets do not use, leaving out
 * refuted and entered-in-error ones and those `traced` already names (a text-only mention).
 */
export function unreadCodeLines(
  record: PatientRecord,
  settings: RuleSettings,
  traced: readonly TraceLine[],
): TraceLine[] {
  const named = new Set(traced.map((line) => line.reference));
  const lines: TraceLine[] = [];
  let more = 0;
  for (const { reference, resource } of record.conditions) {
    if (named.has(reference)) continue;
    const codes = unreadCodes(resource, settings);
    if (codes === undefined) continue;
    if (readConditionStatus(resource, settings.statusWords).certainty === 'excluded') continue;
    if (lines.length === NAMED_AT_MOST) {
      more += 1;
      continue;
    }
    const words = recordWords(resource.code);
    lines.push({
      reference,
      message: `${words === undefined ? '' : `"${words}" `}is coded only in a code system no loaded value set uses (${codes}): its code was not read, so it is neither myeloma nor a finding; if it should count, add the code to a value set (docs/configuring.md, example h)`,
    });
  }
  if (more > 0)
    lines.push({
      message: `and ${more} more Condition(s) coded only in code systems no loaded value set uses`,
    });
  return lines;
}

/** "C90.000 in urn:oid:…", when every code the Condition has is in an unknown system. */
function unreadCodes(condition: fhir4.Condition, settings: RuleSettings): string | undefined {
  const coded = (condition.code?.coding ?? []).filter(hasCode);
  if (coded.length === 0 || isCodedInKnownSystem(coded, settings)) return undefined;
  return coded.map((c) => `${c.code ?? ''} in ${c.system ?? 'no system'}`).join(', ');
}
