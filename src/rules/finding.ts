/**
 * One finding as the rules and the cards see it (rules page §3.3); built by
 * ./collect-findings.ts.
 */
import type { UndatableOnsetForm } from './condition-onset.js';
import type { FindingClass } from './types.js';
import type { UncertainStatus } from './uncertain-status.js';

export interface SiteMention {
  /**
   * Text to show: the record's own words for the site (text, display or code); undefined when
   * it has none, and the card or the timeline names it in its own language (wording
   * `unnamedLabels`): the rules make no words of their own.
   */
  label: string | undefined;
  /** The label is free text that says more than the site's codes (labels.ts ownText). */
  isOwnText: boolean;
  /**
   * What makes two recordings the same site: the system|code of the coding the value sets
   * hold, else of one in a known system, else of any coding; the lower-cased text when the
   * site is not coded; a fixed key when it has neither (./collect-findings.ts UNNAMED_SITE_KEY). A
   * hospital's local code listed first does not decide it.
   */
  key: string;
  /** system|code of every coding of the site, to compare with a report's conclusion. */
  codeKeys: readonly string[];
}

/** An imaging study or report a finding cites as its evidence. */
export interface FindingSource {
  reference: string;
  resourceType: 'ImagingStudy' | 'DiagnosticReport';
  /** The record's name for it; undefined when it has none (named by the card, as a site is). */
  label: string | undefined;
  date: string | undefined;
}

export interface Finding {
  findingClass: FindingClass;
  /** Why this class: which site or code matched which value set. */
  classifiedBecause: string;
  sites: readonly SiteMention[];
  /**
   * The keys of its sites the class was not read from: in no value set of a class, or text
   * only, beside a site that gave the class (H85); the card names them. Empty when every site
   * was read, and for an unclassified finding.
   */
  unreadSiteKeys: readonly string[];
  /** The Condition's own name for the finding. */
  label: string;
  /**
   * The codes `label` names, by which a card in another language names the finding instead
   * (./local-names.ts); empty when `label` is the clinician's own text, shown as written.
   */
  labelKeys: readonly string[];
  /** system|code of every coding of the Condition's code, to compare with report conclusions. */
  codeKeys: readonly string[];
  /** Every Condition recording this finding. */
  references: readonly string[];
  sources: readonly FindingSource[];
  /** Every `evidence.detail` reference of its recordings, as canonicalReference names it. */
  citedReferences: readonly string[];
  /**
   * When it began: the earliest onset of its recordings, else their recordedDate when they
   * record no onset (condition-status.ts `onsetOf`). Undefined when a recording's onset cannot
   * be dated (`undatableOnsets`): the earliest is then not known.
   */
  onset: string | undefined;
  /** The recordings whose onset is present but cannot be dated, and in what form; else empty. */
  undatableOnsets: readonly { reference: string; form: UndatableOnsetForm }[];
  /** Every recording is unconfirmed, provisional or differential, or has a status that could not be read. */
  isUncertain: boolean;
  /** Every recording has a status that could not be read (issue #13): no readable record backs it. */
  statusUnreadable: boolean;
  /** When uncertain, the distinct statuses of its recordings that make it so; else empty. */
  uncertainBecause: readonly UncertainStatus[];
  /** A recording is coded in the relapse value set (C90.22, C90.32): the disease has relapsed. */
  isRelapseCoded: boolean;
  /**
   * A recording's clinicalStatus is `relapse` or `recurrence` (coded, never by text): the
   * plasmacytoma came back, which the rules page §3.2 reads as a relapse as it reads C90.22.
   */
  hasRelapseStatus: boolean;
  /**
   * History recordings whose clinicalStatus still reads active, recurrence or relapse: history
   * only by their abatement (rules page §2), which FHIR's con-4 forbids on an active status.
   * Read once here, where the status is, for the trace (./history-passed-over.ts); most
   * findings have none.
   */
  abatedWhileActive: readonly { reference: string; clinicalCode: string }[];
  isHistory: boolean;
  /** Whether a site is typical for EMD at diagnosis or at relapse (review abstract), for the card's wording. */
  typicalAt: { diagnosis: boolean; relapse: boolean };
  /**
   * The keys of the sites that are not typical at diagnosis, or at relapse: rules page §1 "a
   * site atypical for the phase is said so", also beside a typical one (skin and liver at
   * diagnosis). CNS and leptomeningeal findings are typical at relapse whatever their sites.
   */
  atypicalSiteKeys: { diagnosis: readonly string[]; relapse: readonly string[] };
}
