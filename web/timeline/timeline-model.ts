/**
 * The patient record → what the timeline shows, with the service's own rules code
 * (src/rules/): myeloma facts and phase, findings and their class, text-only mentions. Pure:
 * no DOM, no clock, so it runs under vitest in Node as well as in the browser.
 */
import { onsetOf } from '../../src/rules/condition-onset.js';
import type { Finding, SiteMention } from '../../src/rules/finding.js';
import { collectFindings, siteMention } from '../../src/rules/collect-findings.js';
import { studyLabel } from '../../src/rules/labels.js';
import { assessMyeloma } from '../../src/rules/myeloma.js';
import type { DataGap, PatientRecord } from '../../src/rules/patient-record.js';
import { determinePhase } from '../../src/rules/phase.js';
import type { FindingClass, Phase, RuleSettings } from '../../src/rules/types.js';
import { resourceStatus } from '../../src/rules/resource-status.js';
import { fhirTimeMs } from '../../src/rules/time.js';
import { whyNoSourceOfFinding } from '../../src/rules/voided-imaging.js';
import { regionOf, type BodyRegion } from './body-regions.js';
import { eventsOf, type MyelomaEvent } from './myeloma-events.js';
import { unconfirmedStatusOf, type UnconfirmedStatus, type VoidStatus } from './study-status.js';

/**
 * A site as the rules read it (the record's words, and its codes, which name it in the
 * chosen language: labels.ts), and where the body map puts it.
 */
export interface TimelineSite extends SiteMention {
  region: BodyRegion | undefined;
}

export interface TimelineSource {
  reference: string;
  resourceType: 'ImagingStudy' | 'DiagnosticReport';
  /** undefined when the record names it in no way: the labels name it (./labels.ts). */
  label: string | undefined;
  date: string | undefined;
}

export interface TimelineFinding {
  /** Stable id within the model (the first Condition's reference). */
  id: string;
  /** undefined for a text-only mention: the rules never classify uncoded text. */
  findingClass: FindingClass | undefined;
  label: string;
  sites: readonly TimelineSite[];
  date: string | undefined;
  status: 'active' | 'history';
  isUncertain: boolean;
  isTextOnly: boolean;
  references: readonly string[];
  sources: readonly TimelineSource[];
}

export interface TimelineStudy {
  reference: string;
  /** undefined when the record names it in no way: the labels name it (./labels.ts). */
  label: string | undefined;
  date: string | undefined;
  /** Findings citing this study, or a report on it, as evidence. */
  findingIds: readonly string[];
  /**
   * Entered in error (typically another patient's) or cancelled (not done): no finding's source
   * (H46), yet drawn, marked as such, so a study a clinician may have seen never vanishes (H50).
   */
  voidStatus: VoidStatus | undefined;
  /**
   * Registered (no images yet) or unknown: not imaging done as the cards count it, so not drawn
   * as done (./study-status.ts); undefined when available or void.
   */
  unconfirmedStatus: UnconfirmedStatus | undefined;
}

export interface TimelineModel {
  patientId: string;
  patientName: string | undefined;
  isMyelomaPatient: boolean;
  phase: Phase;
  myelomaEvents: readonly MyelomaEvent[];
  findings: readonly TimelineFinding[];
  studies: readonly TimelineStudy[];
  dataGaps: readonly DataGap[];
  /** Earliest and latest dated item (ms since epoch), or undefined when nothing is dated. */
  range: { start: number; end: number } | undefined;
}

/**
 * `now`: as the cards' evaluation time, so both read an abatement dated after it alike (H96).
 * The page passes the browser's clock; a test that compares with the cards passes theirs.
 */
export function buildTimelineModel(
  record: PatientRecord,
  settings: RuleSettings,
  now: Date = new Date(),
): TimelineModel {
  const myeloma = assessMyeloma(record, settings, now);
  const found = collectFindings(record, settings, now);
  const phase = determinePhase(myeloma, found, settings.phaseWindowDays);
  const findings = [
    ...found.active.map((f) => fromFinding(f, 'active')),
    ...found.history.map((f) => fromFinding(f, 'history')),
    ...found.textOnly.map((mention): TimelineFinding => {
      const condition = record.resolve(mention.reference)?.resource as fhir4.Condition | undefined;
      return {
        id: mention.reference,
        findingClass: undefined,
        label: mention.text,
        sites: (condition?.bodySite ?? []).map((site) => ({
          ...siteMention(site, settings.terminology),
          region: undefined,
        })),
        date: condition ? onsetOf(condition) : undefined,
        status: 'active',
        isUncertain: mention.isUncertain,
        isTextOnly: true,
        references: [mention.reference],
        sources: [],
      };
    }),
  ].sort((a, b) => compareDates(a.date, b.date));
  const studies = record.imagingStudies
    .map(({ reference, resource }): TimelineStudy => {
      const reports = record.diagnosticReports
        .filter(({ resource: report }) =>
          report.imagingStudy?.some((s) => record.resolve(s.reference)?.reference === reference),
        )
        .map((r) => r.reference);
      return {
        reference,
        // A procedure coded with a code alone is named by the value sets, as on the cards (H65).
        label: studyLabel(resource, (coding) => settings.terminology.displayOf(coding)),
        date: resource.started,
        findingIds: findings
          .filter((f) =>
            f.sources.some((s) => s.reference === reference || reports.includes(s.reference)),
          )
          .map((f) => f.id),
        // The cards' own predicate: timeline and cards agree on which.
        voidStatus: whyNoSourceOfFinding(resource, record)
          ? (resourceStatus(resource.status) as VoidStatus)
          : undefined,
        unconfirmedStatus: unconfirmedStatusOf(resourceStatus(resource.status)),
      };
    })
    .sort((a, b) => compareDates(a.date, b.date));
  const myelomaEvents = myeloma.conditions.flatMap((condition) => {
    const resource = record.resolve(condition.reference)?.resource as fhir4.Condition | undefined;
    return eventsOf(condition, resource);
  });
  const dates = [
    ...myelomaEvents.map((e) => e.date),
    ...findings.map((f) => f.date),
    ...studies.map((s) => s.date),
  ]
    .map((d) => (d ? fhirTimeMs(d) : Number.NaN))
    .filter((t) => !Number.isNaN(t));
  return {
    patientId: record.patientId,
    patientName: patientName(record.patient),
    isMyelomaPatient: myeloma.isMyelomaPatient,
    phase: phase.phase,
    myelomaEvents: myelomaEvents.sort((a, b) => compareDates(a.date, b.date)),
    findings,
    studies,
    dataGaps: [...record.dataGaps],
    range: dates.length ? { start: Math.min(...dates), end: Math.max(...dates) } : undefined,
  };
}

function fromFinding(finding: Finding, status: 'active' | 'history'): TimelineFinding {
  return {
    id: finding.references[0] ?? finding.label,
    findingClass: finding.findingClass,
    label: finding.label,
    sites: finding.sites.map((site) => ({ ...site, region: regionOf(site.key) })),
    date: finding.onset,
    status,
    isUncertain: finding.isUncertain,
    isTextOnly: false,
    references: finding.references,
    sources: finding.sources,
  };
}

function patientName(patient: fhir4.Patient | undefined): string | undefined {
  const name = patient?.name?.find((n) => n.use === 'official') ?? patient?.name?.[0];
  if (!name) return undefined;
  return name.text ?? [...(name.given ?? []), name.family].filter(Boolean).join(' ');
}

/** Dated items first, in time order; undated ones last. */
function compareDates(a: string | undefined, b: string | undefined): number {
  // FHIR's reading, as the rules': a leap second (…:60) is dated, not sorted last (H66).
  const [ta, tb] = [a ? fhirTimeMs(a) : Number.NaN, b ? fhirTimeMs(b) : Number.NaN];
  if (Number.isNaN(ta)) return Number.isNaN(tb) ? 0 : 1;
  if (Number.isNaN(tb)) return -1;
  return ta - tb;
}
