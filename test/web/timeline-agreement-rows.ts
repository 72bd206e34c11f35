/**
 * What the EMD timeline must draw for each example patient (fhir-resources/examples/), typed by
 * hand from the rules page (../shared/spec/emd-rules.md §2 statuses, §3.1 myeloma, §3.2 phase,
 * §3.3 classes, §3.4 imaging) and the patient's story (fhir-resources/examples/README.md), never
 * computed by src/ or web/ code: the findings the cards list, each with its class, active or
 * history, its body-map regions (web/timeline/body-regions.ts: the map is a drawing, one anchor
 * per SNOMED CT site of §5) and its date as shown; the phase; and each study, with whether it
 * is imaging done as the cards count it (§3.4: only `available`). The hazard fixtures' rows are
 * in ./timeline-agreement-fixture-rows.ts, those with EMD or CNS disease in
 * ./timeline-agreement-emd-rows.ts; ./timeline-agrees-with-cards.test.ts plays them all.
 */
import type { FindingClass, Phase } from '../../src/rules/types.js';

/** A body-map region, or `off map` for a site the map has no place for (listed beside it). */
export type Region = string;
/**
 * One finding: class (`text-only` for an uncoded mention, §2 "Text only"), status (`active` or
 * `history`, then `, unconfirmed` when §2 lowers its card), regions, and the date as the
 * English timeline writes it: the day the record gives (§3.2: onset, else recordedDate).
 */
export type FindingRow = readonly [
  FindingClass | 'text-only',
  'active' | 'history' | 'active, unconfirmed',
  readonly Region[],
  string,
];
/** One study: its id after `<patient>-`, how it is drawn (only `available` is done), its date. */
export type StudyRow = readonly [string, 'available' | 'entered-in-error' | 'cancelled', string];

export interface AgreementRow {
  /** `examples/<id>` or `fixtures/<folder>/<name>`, without .json. */
  bundle: string;
  why: string;
  /** §3.2; null when the patient has no myeloma (§3.1): the cards then have no phase. */
  phase: Phase | null;
  findings: readonly FindingRow[];
  studies: readonly StudyRow[];
}

export const A = 'active';

/** The example patients without active EMD or CNS disease: none, ignored, history, paraskeletal. */
export const EXAMPLE_ROWS_WITHOUT_EMD: readonly AgreementRow[] = [
  {
    bundle: 'examples/no-myeloma',
    why: '§3.1: no myeloma, nothing to draw',
    phase: null,
    findings: [],
    studies: [],
  },
  {
    bundle: 'examples/lung-cancer-brain-metastases',
    why: '§3.1: C79.31 is no plasmacytoma, so no finding; its MR brain is drawn',
    phase: null,
    findings: [],
    studies: [['mr1', 'available', 'Aug 19, 2026']],
  },
  {
    bundle: 'examples/solitary-plasmacytoma-no-myeloma',
    why: '§3.1: no cards; §3.3 class 2 (lumbar spine) for the lesion drawn',
    phase: null,
    findings: [['paraskeletal', A, ['lumbarSpine'], 'May 28, 2026']],
    studies: [['pet1', 'available', 'Jun 9, 2026']],
  },
  {
    bundle: 'examples/myeloma-entered-in-error',
    why: '§2, §3.1: the only myeloma is entered in error; the liver lesion is §3.3 class 4',
    phase: null,
    findings: [['emd', A, ['liver'], 'Jul 14, 2026']],
    studies: [['pet1', 'available', 'Jul 14, 2026']],
  },
  {
    bundle: 'examples/other-patient-resources',
    why: "§2 Inputs: the neighbour's plasmacytoma and PET/CT are not this patient's",
    phase: 'unknown',
    findings: [],
    studies: [],
  },
  {
    bundle: 'examples/refuted-plasmacytoma',
    why: '§2: a refuted finding is not drawn; C90.02 → relapsed',
    phase: 'relapsed',
    findings: [],
    studies: [['ct1', 'available', 'Aug 3, 2026']],
  },
  {
    bundle: 'examples/entered-in-error-cns',
    why: '§2: the brain lesion entered in error is not drawn; no active finding → unknown',
    phase: 'unknown',
    findings: [],
    studies: [['mr1', 'available', 'Jul 7, 2026']],
  },
  {
    bundle: 'examples/resolved-skin-plasmacytoma',
    why: '§2: resolved with an abatement → history; remission without active finding → unknown',
    phase: 'unknown',
    findings: [['emd', 'history', ['skin'], 'Feb 5, 2025']],
    studies: [
      ['pet1', 'available', 'Feb 5, 2025'],
      ['pet2', 'available', 'Aug 18, 2026'],
    ],
  },
  {
    bundle: 'examples/resolved-liver-plasmacytoma',
    why: '§2: clinicalStatus resolved, no abatement → history; no active finding → unknown',
    phase: 'unknown',
    findings: [['emd', 'history', ['liver'], 'May 20, 2025']],
    studies: [
      ['pet1', 'available', 'May 20, 2025'],
      ['pet2', 'available', 'Sep 14, 2026'],
    ],
  },
  {
    bundle: 'examples/text-only-plasmacytoma',
    why: '§2 Text only: never classified, so on no body region',
    phase: 'relapsed',
    findings: [['text-only', A, ['off map'], 'Sep 10, 2026']],
    studies: [['ct1', 'available', 'Sep 10, 2026']],
  },
  {
    bundle: 'examples/unknown-site-plasmacytoma',
    why: '§3.3 class 5: C90.20 without a site',
    phase: 'relapsed',
    findings: [['unclassified', A, [], 'Aug 11, 2026']],
    studies: [['ct1', 'available', 'Aug 11, 2026']],
  },
  {
    bundle: 'examples/icdo3-plasmacytoma-no-site',
    why: '§3.3 class 5: 9734/3 without a site; clinicalStatus relapse → relapsed',
    phase: 'relapsed',
    findings: [['unclassified', A, [], 'Sep 15, 2026']],
    studies: [['pet1', 'available', 'Sep 15, 2026']],
  },
  {
    bundle: 'examples/paraskeletal-only',
    why: '§3.3 class 2: thoracic spine; onset 18 days after the myeloma → diagnosis',
    phase: 'diagnosis',
    findings: [['paraskeletal', A, ['thoracicSpine'], 'May 2, 2026']],
    studies: [['pet1', 'available', 'Apr 28, 2026']],
  },
  {
    bundle: 'examples/paraskeletal-epidural-extension',
    why: '§3.3: bone before dura, so paraskeletal, drawn at both sites, not on the CNS lane',
    phase: 'relapsed',
    findings: [['paraskeletal', A, ['thoracicSpine', 'dura'], 'Aug 20, 2026']],
    studies: [['mri1', 'available', 'Aug 20, 2026']],
  },
  {
    bundle: 'examples/mixed-history-and-active',
    why: '§2: the resolved skin lesion is history, the rib (bone) lesion active',
    phase: 'relapsed',
    findings: [
      ['emd', 'history', ['skin'], 'Mar 4, 2025'],
      ['paraskeletal', A, ['bone'], 'Aug 25, 2026'],
    ],
    studies: [
      ['pet1', 'available', 'Mar 4, 2025'],
      ['pet2', 'available', 'Aug 25, 2026'],
    ],
  },
];
