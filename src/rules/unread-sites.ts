/**
 * Body-site codings the service never read, named in a finding's trace line when its class is
 * `unclassified` for want of a known site. Rules page §2 "Codes": a code matches by system +
 * code, so a site coded under a mis-written system that is not read as the one it looks like
 * (`http://www.snomed.info/sct`: ./system-spelling.ts) or a local one is in no site value set,
 * and §3.3 leaves the finding unclassified. "No body site is in a site value set" hid why; this names each such
 * coding and its system, as ./unread-codes.ts does for diagnoses (H74). The trace only.
 */
import { codeInSystem, unreadCodeWithDisplay } from './code-words.js';
import { firstNamed } from './named-list.js';
import { unreadSystemAdvice } from './system-advice.js';
import { hasCode } from './text-only.js';
import type { Terminology } from './terminology.js';
import type { UnreadCode } from './unread-kinds.js';

/** Named one by one up to this many; a record listing more is counted. */
const NAMED_AT_MOST = 5;

/**
 * What the trace adds after "no body site is in a site value set": the site codings whose
 * system no loaded value set uses, and what a site can do; undefined when every coded site is
 * in a known system (a known code that is simply in no site value set). Called only for an
 * unclassified finding with sites, so the common path never walks its codings twice.
 */
export function unreadSiteCodings(
  sites: readonly fhir4.CodeableConcept[],
  terminology: Terminology,
): string | undefined {
  const unread: UnreadCode[] = [];
  for (const site of sites)
    for (const coding of site.coding ?? []) {
      if (!hasCode(coding) || terminology.isKnownSystem(coding.system)) continue;
      unread.push(unreadCodeWithDisplay(coding));
    }
  const [first] = unread;
  if (first === undefined) return undefined;
  const what =
    unread.length === 1
      ? first.system === undefined
        ? `site ${first.code} has no code system, so it was not read`
        : `site ${first.code} is coded in ${first.system}, a code system no loaded value set uses, so it was not read`
      : `sites coded in code systems no loaded value set uses were not read: ${firstNamed(
          unread.map(codeInSystem),
          NAMED_AT_MOST,
        )}`;
  // H93: adding the code is advice only for a system a value set may name.
  const advice = unreadSystemAdvice(
    unread.map((c) => c.system),
    terminology,
    'correct the system where the record is written, or add the code to a site value set (docs/configuring.md, example a)',
  );
  return `${what}; ${advice}`;
}
