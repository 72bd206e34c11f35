/**
 * What a resource that fails the service's shapes (src/fhir/resource-schemas.ts) does to a
 * patient's data, as the service decides it for a hook call (./patient-data.ts, rules page §2,
 * docs/clinical-safety.md H37): by the data it came in as. A malformed Condition a rule might
 * read makes the Conditions missing, so the service answers 412 and shows no card; one no rule
 * reads is left out (./unrelated-condition.ts). A malformed study makes the imaging studies not
 * obtained, and a malformed imaging report the reports (a DataGap: the rules that need them say
 * so). Anything else is left out: the Patient is for display only, and no rule reads other types.
 *
 * Shared by every caller that checks data outside a hook call (the backtest, the timeline app),
 * so that each reads a patient as the service did. Pure: it runs in the browser too.
 *
 * The service does not call it, on purpose: it decides per prefetch key as each page arrives
 * (./patient-data.ts), where a malformed prefetch is not final (it is read again from the FHIR
 * server, CDS Hooks §Prefetch) and each hook's data needs say what is required (the
 * imaging-review hook's read of its study gives 412, not a gap); this judges data already read,
 * with no second source and no hook. Both leave out a malformed Condition only by the one test
 * of ./unrelated-condition.ts (H37), and refuse a Bundle among a search's resources (H43). Two
 * answers differ: a malformed report that is not an imaging report is left out here, since a
 * bulk export holds every report and the service's search asks for imaging ones only, while the
 * service counts its reports not read, as the report came back from its own search; and a
 * malformed Condition no rule reads, found among the studies or reports, makes them not read
 * here while the service leaves it out (its leave-out test is one for every key: not a choice,
 * and only a prefetch that puts a Condition among the studies reaches it). Either merge would
 * change the service's answer or the backtest's.
 */
import { checkResource } from '../fhir/resource-schemas.js';
import { isImagingReport } from '../rules/imaging-report.js';
import type { DataGap, SourcedResource } from '../rules/patient-record.js';
import type { RuleSettings } from '../rules/types.js';
import { isUnrelatedCondition } from './unrelated-condition.js';

/** A resource as gathered: `from` is the type of data it came in as (the search or read). */
export interface GatheredResource {
  resource: unknown;
  from: string;
}

export interface CheckedData {
  /** The resources that pass the service's shapes, for buildPatientRecord. */
  resources: SourcedResource[];
  /** Those that fail them, judged by `judgeMalformed` under the value sets in force. */
  malformed: GatheredResource[];
}

/**
 * What the malformed resources do. Any not named here is left out: no rule reads it (H37), it
 * is display-only (the Patient), or the service would never have searched it.
 */
export interface MalformedJudgement {
  /**
   * Malformed Conditions (or other entries of the Condition data) a rule might read: the
   * service answers 412, so the patient gets no card until the record is corrected.
   */
  refusedBy: unknown[];
  /** The optional data counted as not obtained. */
  gaps: Set<DataGap>;
}

/**
 * Sorts gathered resources by the service's shapes; needs no settings, so it is done once. A
 * Bundle among them counts as malformed: data lists resources, never Bundles, and one there is
 * a batch's answer passed on whole, whose resources were never read (H43: the service refuses
 * such a search answer).
 */
export function checkGathered(gathered: readonly GatheredResource[]): CheckedData {
  const checked: CheckedData = { resources: [], malformed: [] };
  for (const item of gathered) {
    if (resourceTypeOf(item.resource) !== 'Bundle' && checkResource(item.resource).success)
      checked.resources.push({ resource: item.resource as fhir4.Resource });
    else checked.malformed.push(item);
  }
  return checked;
}

export function judgeMalformed(
  malformed: readonly GatheredResource[],
  settings: RuleSettings,
): MalformedJudgement {
  const judgement: MalformedJudgement = { refusedBy: [], gaps: new Set() };
  for (const { resource, from } of malformed) {
    if (from === 'Condition') {
      if (!isUnrelatedCondition(resource, settings)) judgement.refusedBy.push(resource);
    } else if (from === 'ImagingStudy') judgement.gaps.add('ImagingStudy');
    // The service searches imaging reports only (rules page §2): a report that is not one would
    // never have reached it, and the rules would not read it if it had. Anything else in the
    // reports' data (a Bundle, H43) is a wrong answer to that search: the reports are missing.
    else if (
      from === 'DiagnosticReport' &&
      (resourceTypeOf(resource) !== 'DiagnosticReport' ||
        isImagingReport(resource, settings.terminology))
    )
      judgement.gaps.add('DiagnosticReport');
  }
  return judgement;
}

/** The type a resource says it is, when that is one; else undefined. */
export function resourceTypeOf(resource: unknown): string | undefined {
  if (typeof resource !== 'object' || resource === null) return undefined;
  const { resourceType } = resource as { resourceType?: unknown };
  return typeof resourceType === 'string' ? resourceType : undefined;
}
