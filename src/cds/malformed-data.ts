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
import { pathText } from '../path-text.js';
import { readResource } from '../fhir/read-resource.js';
import { isBundle, resourceTypeOf } from '../rules/fhir-resource-type.js';
import { isImagingReport } from '../rules/imaging-report.js';
import type { DataGap, SourcedResource } from '../rules/patient-record.js';
import type { RuleSettings } from '../rules/types.js';
import { isUnrelatedCondition } from './unrelated-condition.js';

/** A resource as gathered: `from` is the type of data it came in as (the search or read). */
export interface GatheredResource {
  resource: unknown;
  from: string;
}

/** A gathered resource that fails the service's shapes, and where. */
export interface MalformedResource extends GatheredResource {
  /**
   * The fields the shapes reject, as FHIRPath expressions (`clinicalStatus`,
   * `code.coding[0].code`), as the service's 412 and explain trace word them
   * (../fhir/parse-fhir-data.ts): where, never what, so a page may show them without patient
   * data. Empty for a Bundle (wrong as a whole, H43) and for an entry that is no object.
   */
  fields: readonly string[];
}

export interface CheckedData {
  /** The resources that pass the service's shapes, for buildPatientRecord. */
  resources: SourcedResource[];
  /** Those that fail them, judged by `judgeMalformed` under the value sets in force. */
  malformed: MalformedResource[];
}

/**
 * What the malformed resources do. Any not named here is left out: no rule reads it (H37), it
 * is display-only (the Patient), or the service would never have searched it.
 */
export interface MalformedJudgement<T extends GatheredResource = GatheredResource> {
  /**
   * Malformed Conditions (or other entries of the Condition data) a rule might read: the
   * service answers 412, so the patient gets no card until the record is corrected.
   */
  refusedBy: T[];
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
    if (isBundle(item.resource)) {
      checked.malformed.push({ ...item, fields: [] });
      continue;
    }
    const read = readResource(item.resource);
    if (!read.success)
      // As far as it was read (a null text taken out): what judgeMalformed reads (H37).
      checked.malformed.push({
        ...item,
        resource: read.resource,
        fields: fieldsOf(read.error.issues),
      });
    // Read leniently (H102, H103): its copy, as the service reads it.
    else if (read.readings)
      checked.resources.push({
        resource: read.resource as fhir4.Resource,
        readings: read.readings,
      });
    else checked.resources.push({ resource: item.resource as fhir4.Resource });
  }
  return checked;
}

/**
 * Each issue's path once, in order. A path stops before any key that is not a FHIR element
 * name: the shapes name only their own fields, and a key taken from the data would be data.
 */
function fieldsOf(issues: readonly { path: readonly PropertyKey[] }[]): string[] {
  const fields = issues.map(({ path }) => {
    const end = path.findIndex(
      (key) => typeof key !== 'number' && !(typeof key === 'string' && ELEMENT_NAME.test(key)),
    );
    return pathText(end === -1 ? path : path.slice(0, end));
  });
  return [...new Set(fields.filter(Boolean))];
}

const ELEMENT_NAME = /^[A-Za-z][A-Za-z0-9]{0,63}$/;

export function judgeMalformed<T extends GatheredResource>(
  malformed: readonly T[],
  settings: RuleSettings,
): MalformedJudgement<T> {
  const judgement: MalformedJudgement<T> = { refusedBy: [], gaps: new Set() };
  for (const item of malformed) {
    const { resource, from } = item;
    if (from === 'Condition') {
      if (!isUnrelatedCondition(resource, settings)) judgement.refusedBy.push(item);
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
