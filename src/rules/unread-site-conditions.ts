/**
 * The trace lines for a myeloma patient's Conditions coded only in code systems no loaded value
 * set uses that name a leptomeningeal, CNS or soft-tissue / organ body site (H144): a
 * plasmacytoma of the meninges coded ICD-9-CM 238.6, as US problem lists still carry from before
 * 2015, or WHO ICD-10 C90.2. Rules page §2 matches codes by system + code, and §5 ships no
 * ICD-9-CM or WHO ICD-10, so it is no finding (§3.3); with no text a pattern could match it is
 * not text-only either, and no card comes of it. ./unread-codes.ts names such Conditions only
 * when no myeloma was read (for a patient with myeloma they are mostly other diseases), so this
 * one was passed over without a word, against §6 ("never drops a finding silently"). A finding
 * site is what tells it from a hypertension coded so; a bone site is left out, as H86 leaves it
 * out (myeloma is a marrow disease: many diagnoses name bone). Whether such codes should count
 * is the clinical team's decision (§5); the line says what was passed over and how to add it.
 * The trace only: no card, no level, changes.
 */
import { codeInSystem } from './code-words.js';
import { certaintyOf } from './condition-status.js';
import { recordWords } from './labels.js';
import { findingClassSite } from './myeloma-site-line.js';
import type { PatientRecord } from './patient-record.js';
import { unreadSystemAdvice } from './system-advice.js';
import type { RuleSettings, TraceLine } from './types.js';
import { codeSystemWords, unreadCodes } from './unread-codes.js';

/** Named one by one up to this many; the rest are counted. */
const NAMED_AT_MOST = 10;

/**
 * One line per such Condition, leaving out refuted and entered-in-error ones and those the
 * trace already names (`traced`: a text-only mention, say).
 */
export function unreadSiteConditionLines(
  record: PatientRecord,
  settings: RuleSettings,
  traced: readonly TraceLine[],
): TraceLine[] {
  const { terminology } = settings;
  const lines: TraceLine[] = [];
  let more = 0;
  // Built on the first candidate: nearly every record has none.
  let named: Set<string | undefined> | undefined;
  for (const entry of record.conditions) {
    const condition = entry.resource;
    // The cheap tests first: most Conditions name no body site, and nearly all are coded in a
    // system a value set uses; matching the sites against three value sets comes last.
    if (condition.bodySite === undefined || condition.bodySite.length === 0) continue;
    const codes = unreadCodes(condition, settings);
    if (codes === undefined) continue;
    const site = findingClassSite(condition.bodySite, terminology);
    if (site === undefined) continue;
    if (certaintyOf(condition, settings.statusWords) === 'excluded') continue;
    named ??= new Set(traced.map((line) => line.reference));
    if (named.has(entry.reference)) continue;
    if (lines.length === NAMED_AT_MOST) {
      more += 1;
      continue;
    }
    const words = recordWords(condition.code);
    // H93: adding the code is advice only for a system a value set may name.
    const advice = unreadSystemAdvice(
      codes.map((c) => c.system),
      terminology,
      'if it records a plasmacytoma or CNS / leptomeningeal involvement, a site adds the code to a value set (docs/configuring.md, example h)',
    );
    lines.push({
      reference: entry.reference,
      message: `${words === undefined ? '' : `"${words}" `}is coded only in ${codeSystemWords(condition, terminology)} (${codes.map(codeInSystem).join(', ')}) and names body site ${site.site}, a ${site.name} site (${site.valueSetUrl}): its code was not read, so it is not a finding and raises no card (rules page §2, §3.3); ${advice}`,
    });
  }
  if (more > 0)
    lines.push({
      message: `and ${String(more)} more Condition(s) naming a finding's body site, coded only in code systems no loaded value set uses`,
    });
  return lines;
}
