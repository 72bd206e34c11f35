/**
 * The patient's findings (rules page §3.3) and text-only mentions (§2 "Text only"). A finding
 * is a plasmacytoma or CNS / leptomeningeal involvement Condition; ./classify-finding.ts gives
 * its class, ./cited-sources.ts the imaging it was seen on, ./duplicate-findings.ts lists a
 * finding recorded several times once, and ./text-only.ts reads the Conditions that only name
 * EMD in words.
 */
import { describeStatus, excludedBecause } from './condition-status.js';
import { readFindingStatus, type FindingStatus } from './finding-status.js';
import { onsetOf, undatableOnsetOf } from './condition-onset.js';
import { conditionCodeRoles } from './condition-codes.js';
import type { PatientRecord, RecordEntry } from './patient-record.js';
import { citedReferencesOf, citedSources } from './cited-sources.js';
import { classify } from './classify-finding.js';
import { unreadExtensionSites } from './extension-sites.js';
import { mergeDuplicates } from './duplicate-findings.js';
import { emptyCodeLines, emptyCodeOf, type EmptyCode } from './empty-code-lines.js';
import {
  ACTIVE_FINDING,
  hasNoClinicalStatus,
  readStatusLessRecordings,
  type Recording,
} from './status-less-recordings.js';
import type { Finding, SiteMention } from './finding.js';
import { conceptLabel, ownText } from './labels.js';
import { textOnlyMention, type TextOnlyMention } from './text-only.js';
import { ownTextNote } from './own-text-reading.js';
import { otherCancerNote, otherDiseaseTextNote } from './other-cancer-notes.js';
import { categoryCoded, headerCodeLine, type CategoryCoded } from './header-codes.js';
import { extensionCodeLine, extensionCoded, type ExtensionCoded } from './extension-codes.js';
import type { Terminology } from './terminology.js';
import { FINDING_ROLE_SET, inAnyRole, inRole, type RoleSet } from './value-set-roles.js';
import type { FindingClass, RuleSettings, TraceLine } from './types.js';

export interface FindingsResult {
  active: readonly Finding[];
  history: readonly Finding[];
  textOnly: readonly TextOnlyMention[];
  /** Conditions in no value set coded with an ICD-10-CM category (H76), which the trace names. */
  categoryCoded: readonly CategoryCoded[];
  /** Conditions in no value set coded with an extension of a value-set code (H109). */
  extensionCoded: readonly ExtensionCoded[];
  trace: readonly TraceLine[];
}

/**
 * `now`: the evaluation time (an abatement dated after it has not happened, H96).
 * `codeRoles[i]`: the value sets of record.conditions[i]'s code (see patient-facts.ts).
 */
export function collectFindings(
  record: PatientRecord,
  settings: RuleSettings,
  now: Date,
  codeRoles: readonly RoleSet[] = conditionCodeRoles(record, settings),
): FindingsResult {
  const { terminology } = settings;
  const trace: TraceLine[] = [];
  const recordings: Recording[] = [];
  let hasHistory = false;
  let hasStatusLess = false;
  const textOnly: TextOnlyMention[] = [];
  const categories: CategoryCoded[] = [];
  const extensions: ExtensionCoded[] = [];
  // Why a finding's cited imaging is not shown as its source; emptied after each finding.
  const leftOut: TraceLine[] = [];
  const emptyCoded: { reference: string; empty: EmptyCode }[] = [];

  // Index loops, no closures per Condition: at 10,000 resources what evaluate() allocates
  // decides how often a collection lands in it (docs/performance-log.md §14).
  const { conditions } = record;
  for (let index = 0; index < conditions.length; index += 1) {
    const entry = conditions[index] as RecordEntry<fhir4.Condition>;
    const condition = entry.resource;
    const roles = codeRoles[index] ?? 0;
    if (!inAnyRole(roles, FINDING_ROLE_SET)) {
      const { mention, line } = textOnlyMention(entry, settings, now);
      if (mention) textOnly.push(mention);
      // In no value set at all: perhaps an ICD-10-CM category above a value set's codes (H76),
      // or an extension of one (H109), which says more than "matches a text pattern but is
      // coded in a known system".
      const category = roles === 0 ? categoryCoded(entry, settings) : undefined;
      if (category) categories.push(category);
      const extension = roles === 0 && !category ? extensionCoded(entry, settings) : undefined;
      if (extension) extensions.push(extension);
      const why = category
        ? headerCodeLine(category)
        : extension
          ? extensionCodeLine(extension)
          : line;
      if (why) trace.push(why);
      else {
        // H143: nothing in its code to read; §6, never dropped silently: named below.
        const empty = emptyCodeOf(condition.code);
        if (empty) emptyCoded.push({ reference: entry.reference, empty });
      }
      continue;
    }
    // A plasmacytoma coded in remission (C90.21, C90.31) is history by its code (H84).
    const status = readFindingStatus(condition, roles, settings, now);
    if (status.certainty === 'excluded') {
      trace.push({
        reference: entry.reference,
        message: `ignored: ${excludedBecause(status)}`,
      });
      continue;
    }
    const finding = toFinding(entry, record, terminology, status, roles, leftOut);
    const unreadable = describeStatus(status);
    // H101: its own text reads as "excluded" or "suspected"; the card keeps its level, said so.
    const ownText = finding.isHistory ? undefined : ownTextNote(condition, status, settings);
    // H135: its code also holds another cancer's, or its own text names another disease; the
    // card keeps its level, said so.
    const otherCancer = finding.isHistory
      ? ''
      : `${otherCancerNote(condition.code?.coding, terminology) ?? ''}${otherDiseaseTextNote(condition.code?.text, settings) ?? ''}`;
    const line = trace.length;
    trace.push({
      reference: entry.reference,
      message: `${finding.isHistory ? `history finding (${status.historyBecause ?? 'history'})` : ACTIVE_FINDING}, class ${finding.findingClass}: ${finding.classifiedBecause}${status.remissionNote ?? ''}${unreadable ? `; ${unreadable}` : ''}${finding.isUncertain ? '; uncertain (lowers its card)' : ''}${status.diagnosesicherheit ? `; ${status.diagnosesicherheit}` : ''}${status.abatementNote ? `; ${status.abatementNote}` : ''}${ownText ?? ''}${otherCancer}`,
    });
    for (const line of leftOut) trace.push(line);
    leftOut.length = 0;
    recordings.push({ finding, condition, reference: entry.reference, status, line });
    hasHistory ||= finding.isHistory;
    hasStatusLess ||= hasNoClinicalStatus(status);
  }

  // Most records have no history beside a status-less recording: nothing more to read.
  if (hasHistory && hasStatusLess) readStatusLessRecordings(recordings, trace);
  if (emptyCoded.length > 0) trace.push(...emptyCodeLines(emptyCoded));
  const findings = recordings.map((r) => r.finding);
  return {
    active: mergeDuplicates(findings.filter((f) => !f.isHistory)),
    history: mergeDuplicates(findings.filter((f) => f.isHistory)),
    textOnly,
    categoryCoded: categories,
    extensionCoded: extensions,
    trace,
  };
}

/**
 * The code with the codings a value set holds first, as the finding is named: a Condition coded
 * both as a plasmacytoma and as another cancer (H135) is a plasmacytoma to the rules, and its
 * card must not call it by the other cancer's display. The code itself when its first coding
 * is held already, as nearly always.
 */
function heldCodingsFirst(
  code: fhir4.CodeableConcept | undefined,
  terminology: Terminology,
): fhir4.CodeableConcept | undefined {
  const codings = code?.coding;
  if (!codings || codings.length < 2) return code;
  const isHeld = (coding: fhir4.Coding) => terminology.rolesOf([coding]) !== 0;
  if (isHeld(codings[0] as fhir4.Coding)) return code;
  return { ...code, coding: [...codings.filter(isHeld), ...codings.filter((c) => !isHeld(c))] };
}

/** clinicalStatus codes that say the Condition is going on (FHIR R4 condition-clinical). */
const GOING_ON: ReadonlySet<string> = new Set(['active', 'recurrence', 'relapse']);

function toFinding(
  entry: RecordEntry<fhir4.Condition>,
  record: PatientRecord,
  terminology: Terminology,
  status: FindingStatus,
  codeRoles: RoleSet,
  leftOut: TraceLine[],
): Finding {
  const condition = entry.resource;
  const sites = condition.bodySite ?? [];
  const { findingClass, because, unreadSites } = classify(
    condition.code?.coding ?? [],
    sites,
    terminology,
    unreadExtensionSites(condition),
  );
  const mentions = sites.map((site) => siteMention(site, terminology));
  const undatableOnset = undatableOnsetOf(condition);
  const codeKeys = (condition.code?.coding ?? []).flatMap((c) => terminology.keyOf(c) ?? []);
  const named = heldCodingsFirst(condition.code, terminology);
  return {
    findingClass,
    classifiedBecause: because,
    sites: mentions,
    unreadSiteKeys: unreadSites.flatMap((index) => mentions[index]?.key ?? []),
    // A Condition coded with a code alone (an ICD-10-CM "C90.20" from a feed): the value sets'
    // name for it before the bare code, as a site's (H63).
    label: conceptLabel(named, (coding) => terminology.displayOf(coding)) ?? 'plasmacytoma',
    labelKeys:
      ownText(condition.code) === undefined
        ? (named?.coding ?? []).flatMap((c) => terminology.keyOf(c) ?? [])
        : [],
    codeKeys,
    references: [entry.reference],
    sources: citedSources(entry, record, terminology, leftOut),
    citedReferences: citedReferencesOf(entry, record),
    onset: onsetOf(condition),
    undatableOnsets: undatableOnset ? [{ reference: entry.reference, form: undatableOnset }] : [],
    isUncertain: status.certainty === 'uncertain',
    statusUnreadable: status.unreadable.length > 0,
    uncertainBecause: status.uncertainBecause,
    isRelapseCoded: inRole(codeRoles, 'myelomaRelapse'),
    hasRelapseStatus: status.clinicalCode === 'relapse' || status.clinicalCode === 'recurrence',
    // History by its abatement alone: not by a remission code (H84), which the trace names; an
    // abatement not read as one (H96) makes nothing history.
    abatedWhileActive:
      status.abatement !== undefined &&
      status.clinicalCode !== undefined &&
      GOING_ON.has(status.clinicalCode)
        ? [{ reference: entry.reference, clinicalCode: status.clinicalCode }]
        : [],
    isHistory: status.isHistory,
    ...typicality(sites, mentions, findingClass, terminology),
  };
}

/** Which of the finding's sites are typical at diagnosis and at relapse (review abstract). */
function typicality(
  sites: readonly fhir4.CodeableConcept[],
  mentions: readonly SiteMention[],
  findingClass: FindingClass,
  terminology: Terminology,
): Pick<Finding, 'typicalAt' | 'atypicalSiteKeys'> {
  const isIn =
    (role: 'siteTypicalAtDiagnosis' | 'siteTypicalAtRelapse') => (site: fhir4.CodeableConcept) =>
      terminology.match(role, site.coding) !== undefined;
  const atDiagnosis = sites.map(isIn('siteTypicalAtDiagnosis'));
  // CNS involvement is typical at relapse (review abstract), whether coded by site or by code.
  const isCns = findingClass === 'cns' || findingClass === 'leptomeningeal';
  const atRelapse = sites.map((site) => isCns || isIn('siteTypicalAtRelapse')(site));
  const atypical = (typical: readonly boolean[]) =>
    mentions.filter((_, i) => typical[i] !== true).map((mention) => mention.key);
  return {
    typicalAt: { diagnosis: atDiagnosis.some(Boolean), relapse: isCns || atRelapse.some(Boolean) },
    atypicalSiteKeys: { diagnosis: atypical(atDiagnosis), relapse: atypical(atRelapse) },
  };
}

/**
 * The key of a site with neither words nor a code. It is the key such a site had when the rules
 * still labelled it "unnamed site", kept so that recordings merge exactly as before (rules page
 * §2 "Duplicates"). Never shown: cards and the timeline name the site in their language.
 */
const UNNAMED_SITE_KEY = 'unnamed site';

/**
 * A body site as findings carry it; the timeline reads a text-only mention's sites with it
 * too, so they are named in its language as a finding's are.
 */
export function siteMention(site: fhir4.CodeableConcept, terminology: Terminology): SiteMention {
  const codings = site.coding ?? [];
  const codeKeys = codings.flatMap((c) => terminology.keyOf(c) ?? []);
  // Exports often list a local code before the standard one (e.g. "LIV", then SNOMED
  // 10200004): the recordings of one site must meet on the standard code (rules page §2
  // "Duplicates").
  const identity =
    codings.find((c) => terminology.rolesOf([c]) !== 0) ??
    codings.find((c) => terminology.isKnownSystem(c.system) && terminology.keyOf(c)) ??
    codings.find((c) => terminology.keyOf(c) !== undefined);
  const key = identity ? terminology.keyOf(identity) : undefined;
  // A site coded with no words: the value sets' name for its code, before the bare code (H63).
  const label =
    site.text ??
    codings.find((c) => c.display)?.display ??
    terminology.displayOf(identity) ??
    identity?.code;
  const isOwnText = ownText(site) !== undefined;
  return {
    label,
    isOwnText,
    key: key ?? label?.trim().toLowerCase() ?? UNNAMED_SITE_KEY,
    codeKeys,
  };
}
