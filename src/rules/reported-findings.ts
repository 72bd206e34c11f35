/**
 * The same finding shown by several imaging reports is proposed once (rules page §2
 * "Duplicates": listed once, with all its references). A preliminary and a final report of one
 * study, or two studies of one lesion, each conclude it: `emd-reported-not-listed` proposes one
 * Condition citing every such report, not one per report, which a clinician accepting each
 * suggestion would create twice (H59).
 */
import { siteMention } from './findings.js';
import type { FindingReport, ReportedFinding } from './rule-outcome.js';
import type { Terminology } from './terminology.js';

/** One conclusion code of one report, with the body sites the report's conclusion names. */
export interface ReportConclusion {
  report: FindingReport;
  code: fhir4.CodeableConcept;
  sites: readonly fhir4.CodeableConcept[];
}

interface Group {
  finding: ReportConclusion;
  reports: FindingReport[];
  references: Set<string>;
}

/**
 * One finding per conclusion code and set of sites, with every report that concludes it, in
 * record order. Two codes are the same when they share a coding, as `terminology.keyOf` reads
 * it (the rule's own test for "the same code": C90.20 meets C9020 and its OID system); two site
 * sets are the same when they hold the same sites, each identified as the findings' own
 * duplicate merge identifies a site (./findings.ts `siteMention`), in any order. Indexed by key
 * rather than compared pair by pair, so a record of many reports costs linear time (issue #19).
 */
export function mergeReportedFindings(
  conclusions: readonly ReportConclusion[],
  terminology: Terminology,
): ReportedFinding[] {
  const byKey = new Map<string, Group>();
  const groups: Group[] = [];
  for (const conclusion of conclusions) {
    const sites = siteKeys(conclusion.sites, terminology);
    const keys = (conclusion.code.coding ?? []).flatMap((coding) => {
      const code = terminology.keyOf(coding);
      return code === undefined ? [] : [JSON.stringify([code, sites])];
    });
    let group = keys.map((key) => byKey.get(key)).find((found) => found !== undefined);
    if (group === undefined) {
      group = { finding: conclusion, reports: [], references: new Set() };
      groups.push(group);
    }
    // The group's first code decides the Condition's; a later report's other codings still find it.
    for (const key of keys) if (!byKey.has(key)) byKey.set(key, group);
    // One report concluding the code twice (C90.20 and C9020) is one report.
    if (!group.references.has(conclusion.report.reference)) {
      group.references.add(conclusion.report.reference);
      group.reports.push(conclusion.report);
    }
  }
  return groups.map(({ finding, reports }) => ({
    reports,
    code: finding.code,
    sites: finding.sites,
  }));
}

/** The site set's identity: each site's key, once, sorted. */
function siteKeys(sites: readonly fhir4.CodeableConcept[], terminology: Terminology): string[] {
  return [...new Set(sites.map((site) => siteMention(site, terminology).key))].sort();
}
