/**
 * The example patients with true EMD, CNS or leptomeningeal disease, typed by hand from the rules
 * page and each patient's story as ./timeline-agreement-rows.ts types the others.
 */
import { A, type AgreementRow } from './timeline-agreement-rows.js';

export const EXAMPLE_ROWS_WITH_EMD: readonly AgreementRow[] = [
  {
    bundle: 'examples/emd-skin-at-diagnosis',
    why: '§3.3 class 4: skin; 14 days before the myeloma → diagnosis',
    phase: 'diagnosis',
    findings: [['emd', A, ['skin'], 'Jan 20, 2026']],
    studies: [['pet1', 'available', 'Feb 6, 2026']],
  },
  {
    bundle: 'examples/emd-liver-kidney-relapse',
    why: '§3.3 class 4: liver and kidney, two findings',
    phase: 'relapsed',
    findings: [
      ['emd', A, ['liver'], 'Jul 15, 2026'],
      ['emd', A, ['kidney'], 'Jul 15, 2026'],
    ],
    studies: [['pet1', 'available', 'Jul 15, 2026']],
  },
  {
    bundle: 'examples/remission-new-plasmacytoma',
    why: '§3.2: an active finding while the myeloma is in remission → relapsed',
    phase: 'relapsed',
    findings: [['emd', A, ['lymphNode'], 'Sep 2, 2026']],
    studies: [['pet1', 'available', 'Sep 2, 2026']],
  },
  {
    bundle: 'examples/provisional-myeloma-breast-emd',
    why: '§2: the myeloma is provisional, the breast finding itself confirmed',
    phase: 'diagnosis',
    findings: [['emd', A, ['breast'], 'Jul 20, 2026']],
    studies: [['pet1', 'available', 'Jul 20, 2026']],
  },
  {
    bundle: 'examples/duplicate-liver-findings',
    why: '§2 Duplicates: one liver finding, recorded twice',
    phase: 'relapsed',
    findings: [['emd', A, ['liver'], 'Jun 18, 2026']],
    studies: [['pet1', 'available', 'Jun 18, 2026']],
  },
  {
    bundle: 'examples/oid-and-dotless-codes',
    why: '§2 Codes: OIDs and dotless codes; no onset, so dated by recordedDate (§3.2)',
    phase: 'diagnosis',
    findings: [['emd', A, ['skin'], 'Jun 3, 2026']],
    studies: [['pet1', 'available', 'May 29, 2026']],
  },
  {
    bundle: 'examples/plasma-cell-leukemia-pleura',
    why: '§3.2: C90.12 → relapsed; §3.3 pleura is class 4',
    phase: 'relapsed',
    findings: [['emd', A, ['pleura'], 'Aug 28, 2026']],
    studies: [['pet1', 'available', 'Aug 28, 2026']],
  },
  {
    bundle: 'examples/emd-unknown-phase',
    why: '§3.2: myeloma of 2019, nothing records a relapse → unknown',
    phase: 'unknown',
    findings: [['emd', A, ['softTissue'], 'Aug 3, 2026']],
    studies: [['pet1', 'available', 'Aug 3, 2026']],
  },
  {
    bundle: 'examples/emd-suppresses-paraskeletal',
    why: '§3.3: pericardial cavity is class 4, L2 class 2; both drawn',
    phase: 'relapsed',
    findings: [
      ['emd', A, ['pericardium'], 'Sep 10, 2026'],
      ['paraskeletal', A, ['lumbarSpine'], 'Sep 10, 2026'],
    ],
    studies: [['pet1', 'available', 'Sep 10, 2026']],
  },
  {
    bundle: 'examples/cns-parenchymal',
    why: '§3.3 class 3: brain',
    phase: 'relapsed',
    findings: [['cns', A, ['brain'], 'Sep 20, 2026']],
    studies: [['mr1', 'available', 'Sep 20, 2026']],
  },
  {
    bundle: 'examples/leptomeningeal-with-cns',
    why: '§3.3 class 1 (meninges, CSF) and class 3 (brain)',
    phase: 'relapsed',
    findings: [
      ['leptomeningeal', A, ['meninges', 'cranialCsf'], 'Oct 5, 2026'],
      ['cns', A, ['brain'], 'Oct 5, 2026'],
    ],
    studies: [['mr1', 'available', 'Oct 5, 2026']],
  },
  {
    bundle: 'examples/unconfirmed-leptomeningeal',
    why: '§2: unconfirmed lowers its card; subarachnoid space is class 1',
    phase: 'relapsed',
    findings: [['leptomeningeal', 'active, unconfirmed', ['meninges'], 'Oct 12, 2026']],
    studies: [['mr1', 'available', 'Oct 12, 2026']],
  },
  {
    bundle: 'examples/differential-dural-plasmacytoma',
    why: '§2: differential lowers its card; dura is class 3',
    phase: 'relapsed',
    findings: [['cns', 'active, unconfirmed', ['dura'], 'Oct 2, 2026']],
    studies: [['mr1', 'available', 'Oct 2, 2026']],
  },
  {
    bundle: 'examples/emd-and-cns',
    why: '§3.2: clinicalStatus recurrence → relapsed; pericardium class 4, spinal cord class 3',
    phase: 'relapsed',
    findings: [
      ['emd', A, ['pericardium'], 'Sep 5, 2026'],
      ['cns', A, ['spinalCord'], 'Sep 18, 2026'],
    ],
    studies: [
      ['pet1', 'available', 'Sep 5, 2026'],
      ['mr1', 'available', 'Sep 18, 2026'],
    ],
  },
  {
    bundle: 'examples/cns-and-unclassified',
    why: '§3.3: central nervous system is class 3; the pelvic mass without a site class 5',
    phase: 'relapsed',
    findings: [
      ['cns', A, ['cns'], 'Sep 24, 2026'],
      ['unclassified', A, [], 'Sep 29, 2026'],
    ],
    studies: [
      ['mr1', 'available', 'Sep 24, 2026'],
      ['pet1', 'available', 'Sep 29, 2026'],
    ],
  },
  {
    bundle: 'examples/export-stu3-duplicates',
    why: '§2: one liver finding recorded three times, dated by its earliest onset; refuted dural lesion not drawn',
    phase: 'relapsed',
    findings: [['emd', A, ['liver'], 'Oct 3, 2026']],
    studies: [
      ['mr1', 'available', 'Sep 18, 2026'],
      ['pet1', 'available', 'Oct 3, 2026'],
    ],
  },
  {
    bundle: 'examples/export-local-codes-text-site',
    why: '§3.3: skin under its OID is class 4; a site given only as text is class 5, off the map',
    phase: 'diagnosis',
    findings: [
      ['emd', A, ['skin'], 'Sep 2, 2026'],
      ['unclassified', A, ['off map'], 'Sep 2, 2026'],
    ],
    studies: [['pet1', 'available', 'Sep 1, 2026']],
  },
  {
    bundle: 'examples/export-history-relapse-code',
    why: '§2: status text "resolved" → history; §3.2: the relapse code sets relapsed',
    phase: 'relapsed',
    findings: [['emd', 'history', ['skin'], 'Feb 20, 2021']],
    studies: [['mr1', 'available', 'Oct 20, 2026']],
  },
];
