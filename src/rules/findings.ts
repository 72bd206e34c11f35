/**
 * Findings and their class (rules page §3.3) and text-only mentions (§2 "Text only"). A
 * finding is a plasmacytoma or CNS / leptomeningeal involvement Condition; its class comes
 * from all its body sites, first match wins, and the same finding recorded several times is
 * listed once with all its references (§2 "Duplicates").
 */
import {
  describeStatus,
  onsetOf,
  readConditionStatus,
  type ConditionStatus,
} from './condition-status.js';
import { conditionCodeRoles } from './condition-codes.js';
import type { PatientRecord, RecordEntry } from './patient-record.js';
import { textOnlyMention, type TextOnlyMention } from './text-only.js';
import {
  inRole,
  type CodingLike,
  type RoleSet,
  type Terminology,
  type ValueSetRole,
} from './terminology.js';
import type { FindingClass, RuleSettings, TraceLine } from './types.js';

export interface SiteMention {
  /** Text to show: the record's own words for the site. */
  label: string;
  /** system|code, or the lower-cased text when the site is not coded. */
  key: string;
}

/** An imaging study or report a finding cites as its evidence. */
export interface FindingSource {
  reference: string;
  label: string;
  date: string | undefined;
}

export interface Finding {
  findingClass: FindingClass;
  /** Why this class: which site or code matched which value set. */
  classifiedBecause: string;
  sites: readonly SiteMention[];
  /** The Condition's own name for the finding. */
  label: string;
  /** system|code of every coding of the Condition's code, to compare with report conclusions. */
  codeKeys: readonly string[];
  /** Every Condition recording this finding. */
  references: readonly string[];
  sources: readonly FindingSource[];
  onset: string | undefined;
  /** Every recording is unconfirmed, provisional or differential, or has a status that could not be read. */
  isUncertain: boolean;
  /** Every recording has a status that could not be read (issue #13): no readable record backs it. */
  statusUnreadable: boolean;
  /** A recording is coded in the relapse value set (C90.22, C90.32): the disease has relapsed. */
  isRelapseCoded: boolean;
  isHistory: boolean;
  /** Whether a site is typical for EMD at diagnosis or at relapse (review abstract), for the card's wording. */
  typicalAt: { diagnosis: boolean; relapse: boolean };
}

export type { TextOnlyMention };

export interface FindingsResult {
  active: readonly Finding[];
  history: readonly Finding[];
  textOnly: readonly TextOnlyMention[];
  trace: readonly TraceLine[];
}

/** Condition or report codes that make a finding (rules page §3.3). */
export const FINDING_CODE_ROLES = [
  'extramedullaryPlasmacytoma',
  'solitaryPlasmacytoma',
  'cnsInvolvement',
  'leptomeningealInvolvement',
] as const satisfies readonly ValueSetRole[];

/** `codeRoles[i]`: the value sets of record.conditions[i]'s code (see patient-facts.ts). */
export function collectFindings(
  record: PatientRecord,
  settings: RuleSettings,
  codeRoles: readonly RoleSet[] = conditionCodeRoles(record, settings),
): FindingsResult {
  const { terminology } = settings;
  const trace: TraceLine[] = [];
  const recordings: Finding[] = [];
  const textOnly: TextOnlyMention[] = [];

  for (const [index, entry] of record.conditions.entries()) {
    const condition = entry.resource;
    const roles = codeRoles[index] ?? 0;
    if (!FINDING_CODE_ROLES.some((role) => inRole(roles, role))) {
      const { mention, line } = textOnlyMention(entry, settings);
      if (mention) textOnly.push(mention);
      if (line) trace.push(line);
      continue;
    }
    const status = readConditionStatus(condition, settings.statusWords);
    if (status.certainty === 'excluded') {
      trace.push({
        reference: entry.reference,
        message: 'ignored: its verification status is refuted or entered in error',
      });
      continue;
    }
    const finding = toFinding(entry, record, terminology, status, roles);
    const unreadable = describeStatus(status);
    trace.push({
      reference: entry.reference,
      message: `${finding.isHistory ? 'history' : 'active'} finding, class ${finding.findingClass}: ${finding.classifiedBecause}${unreadable ? `; ${unreadable}` : ''}${finding.isUncertain ? '; uncertain (lowers its card)' : ''}`,
    });
    recordings.push(finding);
  }

  return {
    active: mergeDuplicates(recordings.filter((f) => !f.isHistory)),
    history: mergeDuplicates(recordings.filter((f) => f.isHistory)),
    textOnly,
    trace,
  };
}

function toFinding(
  entry: RecordEntry<fhir4.Condition>,
  record: PatientRecord,
  terminology: Terminology,
  status: ConditionStatus,
  codeRoles: RoleSet,
): Finding {
  const condition = entry.resource;
  const sites = condition.bodySite ?? [];
  const { findingClass, because } = classify(condition.code?.coding ?? [], sites, terminology);
  return {
    findingClass,
    classifiedBecause: because,
    sites: sites.map((site) => siteMention(site, terminology)),
    label: conceptLabel(condition.code) ?? 'plasmacytoma',
    codeKeys: (condition.code?.coding ?? []).flatMap((c) => terminology.keyOf(c) ?? []),
    references: [entry.reference],
    sources: citedSources(condition, record),
    onset: onsetOf(condition),
    isUncertain: status.certainty === 'uncertain',
    statusUnreadable: status.unreadable.length > 0,
    isRelapseCoded: inRole(codeRoles, 'myelomaRelapse'),
    isHistory: status.isHistory,
    typicalAt: {
      diagnosis: sites.some((site) => terminology.match('siteTypicalAtDiagnosis', site.coding)),
      // CNS involvement is typical at relapse (review abstract), whether coded by site or by code.
      relapse:
        findingClass === 'cns' ||
        findingClass === 'leptomeningeal' ||
        sites.some((site) => terminology.match('siteTypicalAtRelapse', site.coding)),
    },
  };
}

/** Rules page §3.3, in order: leptomeningeal, paraskeletal, cns, emd, unclassified. */
export function classify(
  codes: readonly CodingLike[],
  sites: readonly fhir4.CodeableConcept[],
  terminology: Terminology,
): { findingClass: FindingClass; because: string } {
  const siteIn = (role: ValueSetRole) => {
    for (const site of sites) {
      const coding = terminology.match(role, site.coding);
      if (coding) return `body site ${describe(coding)} is in ${terminology.urlOf(role)}`;
    }
    return undefined;
  };
  const codeIn = (role: ValueSetRole) => {
    const coding = terminology.match(role, codes);
    return coding ? `code ${describe(coding)} is in ${terminology.urlOf(role)}` : undefined;
  };
  const leptomeningeal = siteIn('siteLeptomeningeal') ?? codeIn('leptomeningealInvolvement');
  if (leptomeningeal) return { findingClass: 'leptomeningeal', because: leptomeningeal };
  const paraskeletal =
    siteIn('siteBone') ?? codeIn('boneContactQualifier') ?? siteIn('boneContactQualifier');
  if (paraskeletal)
    return {
      findingClass: 'paraskeletal',
      because: `${paraskeletal}: contact with bone is not true EMD`,
    };
  const cns = siteIn('siteCns') ?? codeIn('cnsInvolvement');
  if (cns) return { findingClass: 'cns', because: cns };
  const emd = siteIn('siteSoftTissueOrgan');
  if (emd) return { findingClass: 'emd', because: emd };
  return {
    findingClass: 'unclassified',
    because: sites.length === 0 ? 'no body site recorded' : 'no body site is in a site value set',
  };
}

/**
 * One finding per class and site set, with every recording's references (rules page §2
 * "Duplicates"). Grouped first and merged once per group, so a record holding the same
 * finding thousands of times costs linear time, not a copy per duplicate (issue #19).
 */
function mergeDuplicates(findings: readonly Finding[]): Finding[] {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    const key = `${finding.findingClass}|${finding.sites
      .map((s) => s.key)
      .sort()
      .join('+')}`;
    const group = groups.get(key);
    if (group) group.push(finding);
    else groups.set(key, [finding]);
  }
  return [...groups.values()].map(mergeGroup);
}

function mergeGroup(group: readonly Finding[]): Finding {
  const [first, ...rest] = group as [Finding, ...Finding[]];
  if (rest.length === 0) return first;
  const sources = new Map(first.sources.map((s) => [s.reference, s]));
  const codeKeys = new Set(first.codeKeys);
  const references = [...first.references];
  let merged = first;
  for (const finding of rest) {
    references.push(...finding.references);
    for (const key of finding.codeKeys) codeKeys.add(key);
    for (const source of finding.sources)
      if (!sources.has(source.reference)) sources.set(source.reference, source);
    merged = {
      ...merged,
      onset: earliest(merged.onset, finding.onset),
      // One confirmed recording is enough to make the finding confirmed.
      isUncertain: merged.isUncertain && finding.isUncertain,
      statusUnreadable: merged.statusUnreadable && finding.statusUnreadable,
      isRelapseCoded: merged.isRelapseCoded || finding.isRelapseCoded,
      typicalAt: {
        diagnosis: merged.typicalAt.diagnosis || finding.typicalAt.diagnosis,
        relapse: merged.typicalAt.relapse || finding.typicalAt.relapse,
      },
    };
  }
  return { ...merged, references, codeKeys: [...codeKeys], sources: [...sources.values()] };
}

function siteMention(site: fhir4.CodeableConcept, terminology: Terminology): SiteMention {
  const coded = site.coding?.find((c) => terminology.keyOf(c) !== undefined);
  const key = coded ? terminology.keyOf(coded) : undefined;
  const label =
    site.text ?? site.coding?.find((c) => c.display)?.display ?? coded?.code ?? 'unnamed site';
  return { label, key: key ?? label.trim().toLowerCase() };
}

function citedSources(condition: fhir4.Condition, record: PatientRecord): FindingSource[] {
  const sources: FindingSource[] = [];
  for (const evidence of condition.evidence ?? []) {
    for (const detail of evidence.detail ?? []) {
      const target = record.resolve(detail.reference);
      if (target?.resource.resourceType === 'ImagingStudy') {
        const study = target.resource as fhir4.ImagingStudy;
        sources.push({
          reference: target.reference,
          label: studyLabel(study),
          date: study.started,
        });
      } else if (target?.resource.resourceType === 'DiagnosticReport') {
        const report = target.resource as fhir4.DiagnosticReport;
        sources.push({
          reference: target.reference,
          label: conceptLabel(report.code) ?? 'imaging report',
          date: report.effectiveDateTime ?? report.effectivePeriod?.start ?? report.issued,
        });
      }
    }
  }
  // A report on a study the Condition also cites says nothing new: list the study once.
  const citedStudies = new Set(sources.map((s) => s.reference));
  return sources.filter((source) => {
    const report = record.resolve(source.reference)?.resource;
    if (report?.resourceType !== 'DiagnosticReport') return true;
    return !(report as fhir4.DiagnosticReport).imagingStudy?.some((study) =>
      citedStudies.has(record.resolve(study.reference)?.reference ?? ''),
    );
  });
}

export function studyLabel(study: fhir4.ImagingStudy): string {
  const procedure = study.procedureCode?.map((p) => conceptLabel(p)).find(Boolean);
  if (procedure) return procedure;
  const modalities = [...(study.modality ?? []), ...(study.series ?? []).map((s) => s.modality)]
    .map((m) => m.code)
    .filter(Boolean);
  return study.description ?? ([...new Set(modalities)].join('/') || 'imaging study');
}

export function conceptLabel(concept: fhir4.CodeableConcept | undefined): string | undefined {
  return (
    concept?.text ??
    concept?.coding?.find((c) => c.display)?.display ??
    concept?.coding?.find((c) => c.code)?.code
  );
}

function describe(coding: CodingLike): string {
  return `${coding.code ?? ''}${coding.display ? ` (${coding.display})` : ''}`;
}

/** The earlier of two dates, whatever order they come in (an unparseable one loses). */
function earliest(a: string | undefined, b: string | undefined): string | undefined {
  if (!a) return b;
  if (!b) return a;
  const [ta, tb] = [Date.parse(a), Date.parse(b)];
  if (Number.isNaN(ta) || Number.isNaN(tb)) {
    if (Number.isNaN(ta) && Number.isNaN(tb)) return a < b ? a : b;
    return Number.isNaN(ta) ? b : a;
  }
  return ta < tb || (ta === tb && a <= b) ? a : b;
}
