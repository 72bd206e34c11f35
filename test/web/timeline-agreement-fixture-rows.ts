/**
 * The hazard fixtures' rows (test/fixtures/<folder>/), as ./timeline-agreement-rows.ts types the
 * example patients': from the rules page and each Bundle, never computed. The configuring/
 * Bundles are played with the built-in settings, as settings.json serves them to a site that
 * has added none of their local codes (docs/configuring.md adds them).
 */
import type { AgreementRow, FindingRow } from './timeline-agreement-rows.js';

const A = 'active';
const LIVER_OCT_20: FindingRow = ['emd', A, ['liver'], 'Oct 20, 2026'];
const LIVER_SEP_1: FindingRow = ['emd', A, ['liver'], 'Sep 1, 2026'];
const BRAIN_AUG_28: FindingRow = ['cns', A, ['brain'], 'Aug 28, 2026'];

/** The relapsed patient (C90.02) most fixtures share, with its findings and studies. */
const relapsed = (bundle: string, why: string, rest: Partial<AgreementRow> = {}) => ({
  bundle: `fixtures/${bundle}`,
  why,
  phase: 'relapsed' as const,
  findings: [],
  studies: [],
  ...rest,
});
/** C90.00 onset far from the finding, or an onset that cannot be dated: §3.2 unknown. */
const unknown = (bundle: string, why: string, rest: Partial<AgreementRow> = {}) => ({
  ...relapsed(bundle, why, rest),
  phase: 'unknown' as const,
});

export const FIXTURE_ROWS: readonly AgreementRow[] = [
  relapsed(
    'configuring/local-code-cns-myeloma',
    '§2 Text only: a local code, its text names CNS (H99), no site',
    {
      findings: [['text-only', A, [], 'Oct 12, 2026']],
    },
  ),
  relapsed('configuring/local-code-plasmacytoma', '§2 Text only: a local code, its text matches', {
    findings: [['text-only', A, ['off map'], 'Oct 5, 2026']],
  }),
  unknown('configuring/windows-and-links', '§3.2: 105 days after the myeloma, past 90', {
    findings: [['emd', A, ['skin'], 'Jun 15, 2026']],
    studies: [['pet1', 'available', 'Mar 10, 2026']],
  }),
  relapsed('null-abatement/brain-abatement-string', '§2: an abatement string → history', {
    findings: [['cns', 'history', ['brain'], 'Sep 20, 2026']],
  }),
  relapsed('null-abatement/brain-every-abatement-null', 'H69: null is no abatement → active', {
    findings: [['cns', A, ['brain'], 'Sep 20, 2026']],
  }),
  relapsed('null-abatement/liver-abatement-string-null', 'H69: null is no abatement → active', {
    findings: [['emd', A, ['liver'], 'Sep 20, 2026']],
  }),
  {
    ...relapsed('onset-forms/finding-no-onset-recorded-near', '§3.2: recordedDate stands in'),
    phase: 'diagnosis',
    findings: [['emd', A, ['liver'], 'Jul 1, 2026']],
  },
  unknown('onset-forms/finding-onset-string', 'H53: an onset as text is no date', {
    findings: [['emd', A, ['liver'], 'date unknown']],
  }),
  unknown('onset-forms/finding-recorded-twice-one-undatable', 'H53: one recording undatable', {
    findings: [['emd', A, ['liver'], 'date unknown']],
  }),
  {
    ...relapsed('onset-forms/mm-no-onset-recorded-near', '§3.2: myeloma recordedDate stands in'),
    phase: 'diagnosis',
    findings: [LIVER_SEP_1],
  },
  unknown('onset-forms/mm-onset-age', 'H53: myeloma onset an age', { findings: [LIVER_SEP_1] }),
  unknown('onset-forms/mm-onset-period-end-only', 'H53: a period without start', {
    findings: [LIVER_SEP_1],
  }),
  {
    ...relapsed('onset-forms/mm-onset-period-start', '§3.2: a period with a start is dated'),
    phase: 'diagnosis',
    findings: [LIVER_SEP_1],
  },
  unknown('onset-forms/mm-onset-range', 'H53: a range of ages', { findings: [LIVER_SEP_1] }),
  unknown('onset-forms/mm-onset-string', 'H53: myeloma onset as text', { findings: [LIVER_SEP_1] }),
  unknown('onset-forms/second-mm-onset-string', 'H53: a second myeloma onset as text', {
    findings: [LIVER_SEP_1],
  }),
  relapsed(
    'other-patient-imaging/finding-cites-other-patients-imaging',
    "H47: not the other's PET",
    {
      findings: [LIVER_OCT_20],
      studies: [['ct1', 'available', 'Oct 20, 2026']],
    },
  ),
  relapsed('other-patient-imaging/finding-cites-own-imaging', 'H47: its own PET and CT', {
    findings: [LIVER_OCT_20],
    studies: [
      ['pet1', 'available', 'Oct 12, 2026'],
      ['ct1', 'available', 'Oct 20, 2026'],
    ],
  }),
  relapsed(
    'other-patient-imaging/report-on-other-patients-study',
    "H48: the other's study not drawn",
  ),
  relapsed('other-patient-imaging/report-on-own-study', 'H48: its own study', {
    studies: [['pet1', 'available', 'Oct 12, 2026']],
  }),
  relapsed('partial-dates/pet-current-month', 'H32, H49: a month is no day', {
    findings: [LIVER_OCT_20],
    studies: [['pet1', 'available', 'Nov 2026']],
  }),
  relapsed('partial-dates/pet-month-straddles-lookback', 'H32, H49: a month is no day', {
    findings: [LIVER_OCT_20],
    studies: [['pet1', 'available', 'May 2026']],
  }),
  relapsed('partial-dates/pet-year-only', 'H32, H49: a year is no day', {
    findings: [LIVER_OCT_20],
    studies: [['pet1', 'available', '2026']],
  }),
  relapsed('partial-dates/report-current-month', 'H49: a month is no day', {
    studies: [['pet1', 'available', 'Nov 2026']],
  }),
  relapsed('partial-dates/report-month-straddles-lookback', 'H49: a month is no day', {
    studies: [['pet1', 'available', 'May 2026']],
  }),
  relapsed('partial-dates/report-next-month', 'H49: a month is no day', {
    studies: [['pet1', 'available', 'Dec 2026']],
  }),
  relapsed('partial-dates/report-year-only', 'H49: a year is no day', {
    studies: [['pet1', 'available', '2026']],
  }),
  unknown('record-versions/later-version-confirmed', 'H55: the later version confirms it', {
    findings: [BRAIN_AUG_28],
  }),
  unknown('record-versions/later-version-entered-in-error-first', 'H55: later entered in error'),
  unknown('record-versions/later-version-entered-in-error', 'H55: later entered in error'),
  unknown(
    'record-versions/later-version-refuted-by-last-updated',
    'H55: later (lastUpdated) refuted',
  ),
  unknown('record-versions/later-version-resolved', 'H55: the later version resolved it', {
    findings: [['cns', 'history', ['brain'], 'Aug 28, 2026']],
  }),
  unknown('record-versions/later-version-this-patient', 'H55: two versions, one finding', {
    findings: [BRAIN_AUG_28],
  }),
  relapsed('reported-findings/dual-coded-brain-and-liver', 'reports only: no Condition drawn', {
    studies: [
      ['ct1', 'available', 'Oct 5, 2026'],
      ['mr1', 'available', 'Oct 19, 2026'],
    ],
  }),
  relapsed('reported-findings/dual-coded-conclusion', 'a report only', {
    studies: [['pet1', 'available', 'Oct 12, 2026']],
  }),
  relapsed('reported-findings/dual-coded-preliminary-and-final', 'reports only', {
    studies: [['pet1', 'available', 'Oct 12, 2026']],
  }),
  relapsed('reported-findings/preliminary-and-final-report-listed', 'H61: the liver finding', {
    findings: [['emd', A, ['liver'], 'Oct 13, 2026']],
    studies: [['pet1', 'available', 'Oct 12, 2026']],
  }),
  relapsed('reported-findings/preliminary-and-final-report', 'reports only', {
    studies: [['pet1', 'available', 'Oct 12, 2026']],
  }),
  relapsed('reported-findings/two-reports-two-sites', 'reports only', {
    studies: [
      ['ct1', 'available', 'Oct 5, 2026'],
      ['mr1', 'available', 'Oct 19, 2026'],
    ],
  }),
  relapsed(
    'unnamed-labels/unnamed-site-report-study',
    '§2 Duplicates: two unnamed sites, one finding',
    {
      findings: [
        ['emd', A, ['liver'], 'Sep 14, 2026'],
        ['unclassified', A, ['off map'], 'Oct 2, 2026'],
      ],
      studies: [['st1', 'available', 'Sep 14, 2026']],
    },
  ),
  relapsed(
    'voided-imaging/finding-cites-voided-study',
    'H50: the PET/CT entered in error is no imaging done',
    {
      findings: [LIVER_OCT_20],
      studies: [
        ['pet1', 'entered-in-error', 'Oct 12, 2026'],
        ['ct1', 'available', 'Oct 20, 2026'],
      ],
    },
  ),
  relapsed('voided-imaging/report-on-available-study', 'an available PET/CT', {
    studies: [['pet1', 'available', 'Oct 12, 2026']],
  }),
  relapsed('voided-imaging/report-on-unheld-study', 'a report on a study not in the record'),
  relapsed('voided-imaging/report-on-voided-and-available-study', 'H50: one voided, one done', {
    studies: [
      ['pet1', 'entered-in-error', 'Oct 12, 2026'],
      ['ct1', 'available', 'Oct 12, 2026'],
    ],
  }),
  relapsed('voided-imaging/report-on-voided-study', 'H50: entered in error', {
    studies: [['pet1', 'entered-in-error', 'Oct 12, 2026']],
  }),
];
