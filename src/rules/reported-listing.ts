/**
 * Whether a report's finding is on the problem list (rules page §4 `emd-reported-not-listed`):
 * a finding Condition of any clinical status (refuted and entered-in-error aside) cites the
 * report or its study, or has the same code and site. When only history Conditions list it,
 * the rule passes over it by the page's letter, and the trace says which
 * (./history-passed-over.ts).
 */
import { studyReferencesOf } from './cited-sources.js';
import type { Finding } from './finding.js';
import type { HistoryListing } from './history-passed-over.js';
import type { PatientFacts } from './patient-facts.js';
import { canonicalReference, type RecordEntry } from './patient-record.js';
import type { Terminology } from './terminology.js';

/** Listed by an active finding, only by history ones (which `history` names), or not at all. */
export type Listing =
  { kind: 'active' } | { kind: 'history'; history: readonly HistoryListing[] } | { kind: 'none' };

const ACTIVE: Listing = Object.freeze({ kind: 'active' });
const NONE: Listing = Object.freeze({ kind: 'none' });

/** What a report's conclusion is compared by: the references it is, its code and its sites. */
interface Conclusion {
  report: string;
  cited: ReadonlySet<string>;
  codeKeys: ReadonlySet<string>;
  siteKeySets: readonly ReadonlySet<string>[];
}

/** Which findings list the report's conclusion `code` at `sites`. */
export function listingOf(
  entry: RecordEntry<fhir4.DiagnosticReport>,
  code: fhir4.CodeableConcept,
  sites: readonly fhir4.CodeableConcept[],
  facts: PatientFacts,
  terminology: Terminology,
): Listing {
  const { record } = facts;
  const conclusion: Conclusion = {
    report: entry.reference,
    cited: new Set([entry.reference, ...studyReferencesOf(entry, record)]),
    codeKeys: new Set((code.coding ?? []).flatMap((c) => terminology.keyOf(c) ?? [])),
    // Each site the report names must be listed: a report of the liver and the kidney is not
    // on the list because a Condition names the liver (rules page §4: "the same code and site").
    siteKeySets: sites
      .map((site) => new Set((site.coding ?? []).flatMap((c) => terminology.keyOf(c) ?? [])))
      .filter((keys) => keys.size > 0),
  };
  const { active, history } = facts.findings;
  if (isListedBy(active, conclusion, record)) return ACTIVE;
  // Most records hold no history finding: nothing more to compare.
  if (history.length === 0 || !isListedBy([...active, ...history], conclusion, record)) return NONE;
  return {
    kind: 'history',
    history: history.flatMap((finding): HistoryListing[] => {
      if (cites(finding, conclusion, record)) return [{ finding, cites: true }];
      return hasCodeAndASite(finding, conclusion) ? [{ finding, cites: false }] : [];
    }),
  };
}

function isListedBy(
  findings: readonly Finding[],
  conclusion: Conclusion,
  record: PatientFacts['record'],
): boolean {
  if (findings.some((finding) => cites(finding, conclusion, record))) return true;
  const sameCode = findings.filter((finding) => hasCode(finding, conclusion));
  if (conclusion.siteKeySets.length === 0) return sameCode.length > 0;
  return conclusion.siteKeySets.every((keys) => sameCode.some((finding) => hasSite(finding, keys)));
}

/**
 * The finding cites the report or its study. A Condition that cites another report of one
 * study (the preliminary, where this is the final) cites that study: the rules page lists a
 * report whose study a Condition cites.
 */
function cites(
  finding: Finding,
  { report, cited }: Conclusion,
  record: PatientFacts['record'],
): boolean {
  return finding.citedReferences.some(
    (reference) =>
      cited.has(reference) ||
      (reference !== report && cited.has(soleStudyOf(record, reference) ?? '')),
  );
}

const hasCode = (finding: Finding, { codeKeys }: Conclusion): boolean =>
  finding.codeKeys.some((key) => codeKeys.has(key));

const hasSite = (finding: Finding, keys: ReadonlySet<string>): boolean =>
  finding.sites.some((site) => site.codeKeys.some((key) => keys.has(key)));

/** The report's code and, when it names sites, one of them: its part of the listing. */
const hasCodeAndASite = (finding: Finding, conclusion: Conclusion): boolean =>
  hasCode(finding, conclusion) &&
  (conclusion.siteKeySets.length === 0 ||
    conclusion.siteKeySets.some((keys) => hasSite(finding, keys)));

/**
 * The one study a cited DiagnosticReport reports on, or undefined when the reference is not a
 * report of the record or names no study or several. A report of several studies (a PET/CT
 * read with an MR brain) is not one study's report: a Condition citing it for its liver
 * lesion does not list what another report of the MR brain concludes.
 */
function soleStudyOf(record: PatientFacts['record'], reference: string): string | undefined {
  const report = record.resolve(reference);
  if (report?.resource.resourceType !== 'DiagnosticReport') return undefined;
  const [study, ...others] = (report.resource as fhir4.DiagnosticReport).imagingStudy ?? [];
  return study?.reference === undefined || others.length > 0
    ? undefined
    : canonicalReference(record, study.reference, report.reference);
}
