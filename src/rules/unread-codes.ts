/**
 * Conditions whose codes the service never read, named in the explain trace when the patient
 * has no myeloma Condition. Rules page §2 "Codes": a code matches by system + code from the
 * value sets, so a diagnosis coded only in a system no loaded value set uses (WHO ICD-10, or
 * China's national clinical edition, before a site adds its codes) is not myeloma, and §3.1
 * then gives no cards at all. A bare "no myeloma Condition" hid why; these lines name the
 * Condition, its codes and their system, so an informatics team sees what to add
 * (docs/configuring.md, example h). The trace only: no card, no level, changes.
 */
import { codeInSystem, unreadCodeOf } from './code-words.js';
import { certaintyOf } from './condition-status.js';
import { recordWords } from './labels.js';
import type { PatientRecord } from './patient-record.js';
import { unreadSystemAdvice } from './system-advice.js';
import type { Terminology } from './terminology.js';
import { hasCode, isCodedInKnownSystem } from './text-only.js';
import type { RuleSettings, TraceLine } from './types.js';
import type { UnreadCode, UnreadCondition } from './unread-kinds.js';

/** Named one by one up to this many; a long record's other diagnoses are counted. */
const NAMED_AT_MOST = 10;

/**
 * The Conditions coded only in systems the loaded value sets do not use, leaving out refuted
 * and entered-in-error ones: their codes, as data (./unread-conditions.ts).
 */
export function codedInUnknownSystems(
  record: PatientRecord,
  settings: RuleSettings,
): UnreadCondition[] {
  const unread: UnreadCondition[] = [];
  for (const entry of record.conditions) {
    const codes = unreadCodes(entry.resource, settings);
    if (codes === undefined) continue;
    if (certaintyOf(entry.resource, settings.statusWords) === 'excluded') continue;
    unread.push({ entry, kind: 'unknownSystem', codes });
  }
  return unread;
}

/**
 * One trace line per Condition of `unread` coded only in unknown systems, leaving out those
 * `traced` already names (a text-only mention).
 */
export function unreadCodeLines(
  unread: readonly UnreadCondition[],
  traced: readonly TraceLine[],
  terminology: Terminology,
): TraceLine[] {
  const named = new Set(traced.map((line) => line.reference));
  const lines: TraceLine[] = [];
  let more = 0;
  for (const { entry, kind, codes } of unread) {
    if (kind !== 'unknownSystem' || named.has(entry.reference)) continue;
    if (lines.length === NAMED_AT_MOST) {
      more += 1;
      continue;
    }
    const words = recordWords(entry.resource.code);
    const written = codes.map(codeInSystem).join(', ');
    // H93: adding the code is advice only for a system a value set may name.
    const advice = unreadSystemAdvice(
      codes.map((c) => c.system),
      terminology,
      'if it should count, add the code to a value set (docs/configuring.md, example h)',
    );
    lines.push({
      reference: entry.reference,
      message: `${words === undefined ? '' : `"${words}" `}is coded only in ${codeSystemWords(entry.resource, terminology)} (${written}): its code was not read, so it is neither myeloma nor a finding; ${advice}`,
    });
  }
  if (more > 0)
    lines.push({
      message: `and ${more} more Condition(s) coded only in code systems no loaded value set uses`,
    });
  return lines;
}

/**
 * "a code system no loaded value set uses", or, for a system only a site, imaging or order value
 * set uses, that (H105): the site knows the system, just not for diagnoses.
 */
export function codeSystemWords(condition: fhir4.Condition, terminology: Terminology): string {
  return (condition.code?.coding ?? []).some(
    (c) => hasCode(c) && terminology.isKnownSystem(c.system),
  )
    ? 'a code system only site, imaging or order value sets use'
    : 'a code system no loaded value set uses';
}

/** Its codes, when every code the Condition has is in an unknown system. */
export function unreadCodes(
  condition: fhir4.Condition,
  settings: RuleSettings,
): UnreadCode[] | undefined {
  const coded = (condition.code?.coding ?? []).filter(hasCode);
  if (coded.length === 0 || isCodedInKnownSystem(coded, settings)) return undefined;
  return coded.map(unreadCodeOf);
}
