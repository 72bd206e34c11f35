/**
 * The same finding shown by several imaging reports is proposed once (rules page §2
 * "Duplicates": listed once, with all its references). A preliminary and a final report of one
 * study, or two studies of one lesion, each conclude it: `emd-reported-not-listed` proposes one
 * Condition citing every such report, not one per report, which a clinician accepting each
 * suggestion would create twice (H59). One report that codes its finding twice, one
 * conclusionCode a code system, concludes one finding (H68).
 */
import { classify } from './classify-finding.js';
import { siteMention } from './collect-findings.js';
import { FINDING_ROLE_SET } from './value-set-roles.js';
import type { FindingReport, ReportedFinding } from './rule-outcome.js';
import type { Terminology } from './terminology.js';
import type { RoleSet } from './value-set-roles.js';
import type { FindingClass } from './types.js';

/** One conclusion code of one report, with the body sites the report's conclusion names. */
export interface ReportConclusion {
  report: FindingReport;
  code: fhir4.CodeableConcept;
  sites: readonly fhir4.CodeableConcept[];
  /** The class of `code` at `sites` (rules page §3.3), as mergeDualCodedConclusions found it. */
  findingClass: FindingClass;
}

/** One finding code of a report, with its class at the report's sites (rules page §3.3). */
export interface ClassifiedCode {
  concept: fhir4.CodeableConcept;
  findingClass: FindingClass;
}

interface Group {
  finding: ReportConclusion;
  /** The finding's code: the first report's, with codings later reports give in other systems. */
  codings: fhir4.Coding[];
  systems: Set<string>;
  reports: FindingReport[];
  references: Set<string>;
}

/**
 * One finding per conclusion code, set of sites and class, with every report that concludes it,
 * in record order. Two codes are the same when they share a coding, as `terminology.keyOf` reads
 * it (the rule's own test for "the same code": C90.20 meets C9020 and its OID system); two site
 * sets are the same when they hold the same sites, each identified as the findings' own
 * duplicate merge identifies a site (./collect-findings.ts `siteMention`), in any order. The class
 * (rules page §3.3) keeps a conclusion that a second coding makes CNS or leptomeningeal apart
 * from one that shares its first coding only; each conclusion carries it, classified once with
 * its report's codes (mergeDualCodedConclusions) rather than again here. Indexed by key rather
 * than compared pair by pair, so a record of many reports costs linear time (issue #19).
 */
export function mergeReportedFindings(
  conclusions: readonly ReportConclusion[],
  terminology: Terminology,
): ReportedFinding[] {
  const byKey = new Map<string, Group>();
  const groups: Group[] = [];
  for (const conclusion of conclusions) {
    const codings = conclusion.code.coding ?? [];
    const { findingClass } = conclusion;
    const sites = siteKeys(conclusion.sites, terminology);
    const keys = codings.flatMap((coding) => {
      const code = terminology.keyOf(coding);
      return code === undefined ? [] : [JSON.stringify([findingClass, code, sites])];
    });
    let group = keys.map((key) => byKey.get(key)).find((found) => found !== undefined);
    if (group === undefined) {
      group = {
        finding: conclusion,
        codings: [...codings],
        systems: systemsOf(codings, terminology),
        reports: [],
        references: new Set(),
      };
      groups.push(group);
    } else {
      // A final report coding the finding in ICD-O-3 too: the Condition carries both (H68). A
      // coding in a system the code has already is another code, not another name for it.
      for (const coding of codings) {
        const [system] = systemsOf([coding], terminology);
        if (system === undefined || group.systems.has(system)) continue;
        group.codings.push(coding);
        group.systems.add(system);
      }
    }
    for (const key of keys) if (!byKey.has(key)) byKey.set(key, group);
    // One report concluding the code twice (C90.20 and C9020) is one report.
    if (!group.references.has(conclusion.report.reference)) {
      group.references.add(conclusion.report.reference);
      group.reports.push(conclusion.report);
    }
  }
  return groups.map(({ finding, codings, reports }) => ({
    reports,
    code:
      codings.length === (finding.code.coding ?? []).length
        ? finding.code
        : { ...finding.code, coding: codings },
    sites: finding.sites,
  }));
}

/** The site set's identity: each site's key, once, sorted. */
function siteKeys(sites: readonly fhir4.CodeableConcept[], terminology: Terminology): string[] {
  return [...new Set(sites.map((site) => siteMention(site, terminology).key))].sort();
}

/** The code systems of the codings, each as its canonical URI. */
function systemsOf(codings: readonly fhir4.Coding[], terminology: Terminology): Set<string> {
  const systems = new Set<string>();
  for (const { system } of codings)
    if (system?.trim()) systems.add(terminology.canonicalSystem(system.trim()));
  return systems;
}

interface CodedFinding {
  findingClass: FindingClass;
  roles: RoleSet;
  systems: Set<string>;
  concept: fhir4.CodeableConcept;
}

/**
 * One report's finding codes, one concept a finding (rules page §2 "Duplicates": the same
 * finding is listed once). An HL7 v2 interface writes each coding of a conclusion as a
 * conclusionCode of its own (ICD-10-CM C90.20, then ICD-O-3 9734/3); an EHR writes them as
 * codings of one. They are read alike: one concept carrying every coding, which the rule
 * proposes once and finds listed by a Condition with either code (H68). The rules page does not
 * say when two conclusion codes name one finding; two are taken as one finding coded twice only
 * when nothing tells them apart: the same class with the report's sites (§3.3: a CNS or
 * leptomeningeal finding is never merged with another class), the same plasmacytoma or
 * involvement value sets (solitary C90.30 is not extramedullary 9734/3), and no code system in
 * common (C90.30 and C90.20 are two conclusions: every conclusion code counts, §4). Each code
 * joins the first finding it fits, in the report's order. Each finding comes with its class,
 * for mergeReportedFindings: codes joined are of one class, and their codings together are of
 * it too (§3.3's first match: no earlier step matches either code, its step matches the first).
 */
export function mergeDualCodedConclusions(
  codes: readonly fhir4.CodeableConcept[],
  sites: readonly fhir4.CodeableConcept[],
  terminology: Terminology,
): readonly ClassifiedCode[] {
  // Most reports conclude with one finding code: nothing to merge, only to classify.
  if (codes.length < 2)
    return codes.map((concept) => ({
      concept,
      findingClass: classify(concept.coding ?? [], sites, terminology).findingClass,
    }));
  const findings: CodedFinding[] = [];
  for (const concept of codes) {
    const codings = concept.coding ?? [];
    const { findingClass } = classify(codings, sites, terminology);
    const roles = terminology.rolesOf(codings) & FINDING_ROLE_SET;
    const systems = systemsOf(codings, terminology);
    const same = findings
      .slice(0, MERGE_CANDIDATES)
      .find(
        (finding) =>
          finding.findingClass === findingClass &&
          finding.roles === roles &&
          !sharesASystem(finding.systems, systems),
      );
    if (same === undefined) {
      findings.push({ findingClass, roles, systems, concept });
      continue;
    }
    same.concept = joined(same.concept, concept);
    for (const system of systems) same.systems.add(system);
  }
  return findings.map(({ concept, findingClass }) => ({ concept, findingClass }));
}

/**
 * How many of a report's findings a conclusion code is compared with, to join one. A report
 * concludes with a handful; one with thousands of codes (an interface repeating them, or a
 * crafted request) had each compared with every finding before it: minutes of one request
 * holding the event loop (issue #19). A code that would have joined a later finding stays a
 * finding of its own: listed twice, never dropped.
 */
const MERGE_CANDIDATES = 32;

function sharesASystem(these: ReadonlySet<string>, those: ReadonlySet<string>): boolean {
  for (const system of those) if (these.has(system)) return true;
  return false;
}

/** One concept with the codings of both, and the first one's text (else the second's). */
function joined(
  first: fhir4.CodeableConcept,
  second: fhir4.CodeableConcept,
): fhir4.CodeableConcept {
  const text = first.text ?? second.text;
  return {
    coding: [...(first.coding ?? []), ...(second.coding ?? [])],
    ...(text === undefined ? {} : { text }),
  };
}
