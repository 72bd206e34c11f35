import { FINDING_CODE_ROLES } from './value-set-roles.js';
import { isImagingReport } from './imaging-report.js';
import { notImagingReportLine } from './report-category-line.js';
import { conceptLabel } from './labels.js';
import { extendedConclusionLine } from './extended-conclusions.js';
import type { PatientFacts } from './patient-facts.js';
import type { RecordEntry } from './patient-record.js';
import { fired, notFired } from './build-outcome.js';
import {
  mergeDualCodedConclusions,
  mergeReportedFindings,
  type ReportConclusion,
} from './reported-findings.js';
import type { Rule } from './rule.js';
import type { CitingCondition } from './rule-outcome.js';
import type { RuleSettings } from './types.js';
import { mayBeWithinLookback, reportDate } from './time.js';
import { whyReportSaysNothing } from './voided-imaging.js';
import { listedByHistoryLine } from './history-passed-over.js';
import { conclusionWords, olderThanLookbackLine } from './report-lookback-line.js';
import { listingOf } from './reported-listing.js';
import { citingNotListing } from './citing-conditions.js';
import { reportedSites, unheldSitesLine } from './reported-sites.js';

/**
 * `emd-reported-not-listed` (info): a recent imaging report concludes with a plasmacytoma or
 * CNS / leptomeningeal involvement code, and no finding Condition (of any clinical status,
 * refuted and entered-in-error aside) cites that report or its study (citing another report of
 * that one study counts: H61), or has the same code and site, each site the report names (H58),
 * one in no value set too (./reported-sites.ts, H115). Suggests adding the Condition,
 * once for a finding several reports show (rules page §2 "Duplicates", ./reported-findings.ts)
 * and once for a finding one report codes twice, one conclusionCode a code system (H68).
 * Every conclusion code counts, and only imaging
 * reports (a category in the imaging-report value set, or a reference to an ImagingStudy):
 * issue #13. A report entered in error or cancelled, or whose every study is entered in error
 * (rules page §6) or dropped from the record (§2: another patient's, or naming no patient), is
 * set aside, and the explain trace says so; so does a recent report concluding a finding that
 * is not an imaging report (./report-category-line.ts), a report's finding only a history
 * Condition lists (./reported-listing.ts), and a report older than the lookback by effective[x]
 * but issued within it (./report-lookback-line.ts).
 */
export const emdReportedNotListed: Rule = {
  id: 'emd-reported-not-listed',
  evaluate(facts, _context, settings) {
    if (facts.record.dataGaps.has('DiagnosticReport'))
      return notFired(this.id, 'imaging reports could not be obtained, so none was checked');
    const conclusions: ReportConclusion[] = [];
    const setAside: string[] = [];
    for (const entry of facts.record.diagnosticReports)
      conclusions.push(...unlistedFindings(entry, facts, settings, setAside));
    // One finding however many reports show it: one Condition to propose (H59).
    const reported = mergeReportedFindings(conclusions, settings.terminology).map((finding) => {
      const { refuted, notFindings } = citingNotListing(finding.reports, facts, settings);
      return {
        ...finding,
        ...(refuted.length > 0 && { refutedCiting: refuted }),
        ...(notFindings.length > 0 && { citedNotAsFinding: notFindings }),
      };
    });
    const reports = new Set(conclusions.map((c) => c.report.reference));
    const outcome =
      reported.length === 0
        ? notFired(
            this.id,
            'no recent imaging report concludes with a finding missing from the problem list',
          )
        : fired(
            this.id,
            'info',
            facts,
            { findings: [], reported, hasCertainReason: true },
            `reported but not listed: ${[...reports].join(', ')}`,
          );
    // Cited only by refuted Conditions, which §4 does not count: the trace names them (H87).
    for (const finding of reported) {
      const reports = finding.reports.map((r) => r.reference).join(', ');
      if (finding.refutedCiting)
        setAside.push(
          `${reports}: cited by ${finding.refutedCiting.join(', ')}, refuted, which does not list it (rules page §4: only a non-refuted Condition does); the card says the only Condition listing it is refuted`,
        );
      // Cited by a Condition coded as no finding (another cancer's): the trace names it (H87).
      if (finding.citedNotAsFinding)
        setAside.push(
          `${reports}: cited by ${finding.citedNotAsFinding.map(citingName).join(', ')}, not coded as a plasmacytoma or CNS / leptomeningeal involvement finding, which does not list it (rules page §4: only a finding Condition does); the card names it`,
        );
    }
    return setAside.length === 0
      ? outcome
      : { ...outcome, explain: [...outcome.explain, ...setAside] };
  },
};

const NONE: readonly ReportConclusion[] = Object.freeze([]);

/** A citing Condition in the trace: its reference, and its code's words when it has any. */
function citingName({ reference, code }: CitingCondition): string {
  const label = conceptLabel(code);
  return label === undefined ? reference : `${reference} (${label})`;
}

/**
 * The report's conclusions that no finding lists. A recent report concluding a finding that is
 * not an imaging report (issue #13), or one that would have been checked but is void (rules
 * page §6), adds a line to `setAside` instead, so the trace says why it was ignored.
 */
function unlistedFindings(
  entry: RecordEntry<fhir4.DiagnosticReport>,
  facts: PatientFacts,
  settings: RuleSettings,
  setAside: string[],
): readonly ReportConclusion[] {
  const report = entry.resource;
  // Most reports conclude in words only: nothing to check, so nothing to allocate.
  const concepts = report.conclusionCode;
  if (!concepts || concepts.length === 0) return NONE;
  const { terminology } = settings;
  const date = reportDate(report);
  if (!mayBeWithinLookback(date, facts.now, settings.imagingLookbackDays)) {
    // Dated by effective[x] (rules page §2, §4), but a report issued within the lookback is
    // named: a scan read or amended months later is passed over by the page's letter.
    const line = olderThanLookbackLine(
      entry,
      date,
      facts.now,
      settings.imagingLookbackDays,
      terminology,
    );
    if (line !== undefined) setAside.push(line);
    return NONE;
  }
  const codes = concepts.filter((concept) =>
    FINDING_CODE_ROLES.some((role) => terminology.match(role, concept.coding)),
  );
  if (codes.length === 0) {
    // A conclusion coded with an extension of a finding's code is named, not passed over.
    const extended = extendedConclusionLine(entry, concepts, terminology);
    if (extended !== undefined) setAside.push(extended);
    return NONE;
  }
  // Not read (issue #13), but a recent report concluding a finding is not passed over in
  // silence: a PET report categorised NMS or CT is a site's value set away from counting (H26).
  if (!isImagingReport(report, terminology)) {
    setAside.push(notImagingReportLine(entry, codes, terminology));
    return NONE;
  }
  const voided = whyVoid(entry, facts);
  if (voided) {
    setAside.push(voided);
    return NONE;
  }
  // A site in no value set is still a site (H115): a Condition lists it only with that site.
  const { sites, unheld } = reportedSites(concepts, terminology);
  if (unheld.length > 0) setAside.push(unheldSitesLine(entry.reference, unheld));
  // One finding coded twice, one conclusionCode a code system, is one finding to list (H68).
  const unlisted: ReportConclusion[] = [];
  for (const { concept, findingClass } of mergeDualCodedConclusions(codes, sites, terminology)) {
    const listing = listingOf(entry, concept, sites, facts, terminology);
    // Listed only by history (rules page §4: a Condition of any status): not proposed, and
    // the trace says which Condition, since the report may show its recurrence.
    if (listing.kind === 'history') {
      const concluded = conclusionWords([concept], terminology, sites);
      setAside.push(
        listedByHistoryLine(entry.reference, concluded, listing.history, facts, settings),
      );
    }
    if (listing.kind !== 'none') continue;
    unlisted.push({
      // A report coded with a code alone is named by the value sets' display, as a study (H65).
      report: {
        reference: entry.reference,
        label: conceptLabel(report.code, (coding) => terminology.displayOf(coding)),
        date,
      },
      code: concept,
      sites,
      findingClass,
    });
  }
  return unlisted;
}

/**
 * Why a report says nothing about this patient (rules page §2, §6), for the explain trace: it
 * is entered in error or cancelled, or every study it reports on is entered in error (created
 * in error, typically under the wrong patient) or dropped from the record (another patient's,
 * or naming no patient).
 * A study the record never received, or one valid study beside the others, leaves the report
 * standing (./voided-imaging.ts).
 */
function whyVoid(
  entry: RecordEntry<fhir4.DiagnosticReport>,
  facts: PatientFacts,
): string | undefined {
  const why = whyReportSaysNothing(entry.resource, facts.record);
  return why === undefined ? undefined : `${entry.reference} ignored: ${why}`;
}
