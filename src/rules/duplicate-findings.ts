/** The same finding recorded several times is listed once (rules page §2 "Duplicates"). */
import type { Finding } from './finding.js';
import { earliest } from './time.js';
import { distinctStatuses } from './uncertain-status.js';

/**
 * One finding per class and site set, with every recording's references (rules page §2
 * "Duplicates"). Grouped first and merged once per group, so a record holding the same
 * finding thousands of times costs linear time, not a copy per duplicate (issue #19).
 */
export function mergeDuplicates(findings: readonly Finding[]): Finding[] {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    const key = findingKey(finding);
    const group = groups.get(key);
    if (group) group.push(finding);
    else groups.set(key, [finding]);
  }
  return [...groups.values()].map(mergeGroup);
}

/**
 * What makes two recordings the same finding (rules page §2 "Duplicates"): the same class and
 * the same set of sites. ./status-less-recordings.ts groups by it too.
 */
export function findingKey(finding: Finding): string {
  return `${finding.findingClass}|${finding.sites
    .map((s) => s.key)
    .sort()
    .join('+')}`;
}

function mergeGroup(group: readonly Finding[]): Finding {
  const [first, ...rest] = group as [Finding, ...Finding[]];
  if (rest.length === 0) return first;
  const sources = new Map(first.sources.map((s) => [s.reference, s]));
  const codeKeys = new Set(first.codeKeys);
  const references = [...first.references];
  const cited = new Set(first.citedReferences);
  const undatableOnsets = [...first.undatableOnsets];
  let merged = first;
  for (const finding of rest) {
    references.push(...finding.references);
    undatableOnsets.push(...finding.undatableOnsets);
    for (const reference of finding.citedReferences) cited.add(reference);
    for (const key of finding.codeKeys) codeKeys.add(key);
    for (const source of finding.sources)
      if (!sources.has(source.reference)) sources.set(source.reference, source);
    merged = {
      ...merged,
      onset: earliest(merged.onset, finding.onset),
      // One confirmed recording is enough to make the finding confirmed.
      isUncertain: merged.isUncertain && finding.isUncertain,
      statusUnreadable: merged.statusUnreadable && finding.statusUnreadable,
      uncertainBecause:
        merged.isUncertain && finding.isUncertain
          ? distinctStatuses([merged.uncertainBecause, finding.uncertainBecause])
          : [],
      isRelapseCoded: merged.isRelapseCoded || finding.isRelapseCoded,
      hasRelapseStatus: merged.hasRelapseStatus || finding.hasRelapseStatus,
      abatedWhileActive: [...merged.abatedWhileActive, ...finding.abatedWhileActive],
      typicalAt: {
        diagnosis: merged.typicalAt.diagnosis || finding.typicalAt.diagnosis,
        relapse: merged.typicalAt.relapse || finding.typicalAt.relapse,
      },
      unreadSiteKeys: [...new Set([...merged.unreadSiteKeys, ...finding.unreadSiteKeys])],
      // One finding is one class and site (rules page §2), so its recordings name the same sites.
      atypicalSiteKeys: {
        diagnosis: [
          ...new Set([...merged.atypicalSiteKeys.diagnosis, ...finding.atypicalSiteKeys.diagnosis]),
        ],
        relapse: [
          ...new Set([...merged.atypicalSiteKeys.relapse, ...finding.atypicalSiteKeys.relapse]),
        ],
      },
    };
  }
  return {
    ...merged,
    // A recording whose onset cannot be dated may have begun before the dated ones: the
    // earliest onset is then not known, and no dated recording may stand in for it (rules page
    // §3.2: the phase never guesses; the card and the timeline show no date).
    onset: undatableOnsets.length > 0 ? undefined : merged.onset,
    undatableOnsets,
    references,
    codeKeys: [...codeKeys],
    sources: [...sources.values()],
    citedReferences: [...cited],
  };
}
