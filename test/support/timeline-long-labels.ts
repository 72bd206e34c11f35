/**
 * A patient for labels wider than the room beside their marks, typed by hand: a myeloma
 * diagnosed on 10 January 2026, two plasmacytomas (soft tissue, kidney) whose sites the
 * clinician described at length in Chinese (shown as written in every language), one two weeks
 * after diagnosis near the axis's left end and one in September near its right end, and a
 * registered whole-body PET/CT two days later with a long description. The first site label
 * (44 ideographs) ran past the drawing's right edge, the second (52) and the study's past its
 * left edge. Two more plasmacytomas (liver, skin) in the fortnight before the chest wall's,
 * named by their codes, their labels written over its mark: laid out in date order before it,
 * the chest wall's label once went to a lower row, its leader line running up through theirs.
 * A transaction Bundle with explicit ids, for the local FHIR server of the browser tests.
 */
import { putTransaction } from './put-transaction.js';

export const LONG_LABELS_PATIENT = 'long-labels';

const subject = { reference: `Patient/${LONG_LABELS_PATIENT}` };
const ICD_10_CM = 'http://hl7.org/fhir/sid/icd-10-cm';

export const LONG_SITES = {
  chestWall:
    '右侧胸壁皮下软组织肿块，大小约五乘四厘米，与邻近肋骨不相连，边界清楚，增强扫描呈均匀强化',
  retroperitoneum:
    '左侧腹膜后软组织肿块，包绕左肾及肾门血管，向上延伸至左侧肾上腺区，伴周围多发淋巴结肿大，考虑髓外浆细胞瘤',
};

export const LONG_STUDY = {
  reference: `ImagingStudy/${LONG_LABELS_PATIENT}-pet1`,
  description:
    'FDG PET/CT whole body with diagnostic contrast-enhanced CT of the neck, chest, abdomen and pelvis, and low-dose CT of the skull and femora',
};

const plasmacytoma = (id: string, onset: string, code: string, display: string, site?: string) => ({
  resourceType: 'Condition',
  id: `${LONG_LABELS_PATIENT}-${id}`,
  subject,
  code: { coding: [{ system: ICD_10_CM, code: 'C90.20' }] },
  bodySite: [
    {
      coding: [{ system: 'http://snomed.info/sct', code, display }],
      ...(site === undefined ? {} : { text: site }),
    },
  ],
  onsetDateTime: onset,
});

export function longLabelsBundle(): fhir4.Bundle {
  const resources = [
    {
      resourceType: 'Patient',
      id: LONG_LABELS_PATIENT,
      name: [{ family: 'Lindqvist', given: ['Maja'] }],
    },
    {
      resourceType: 'Condition',
      id: `${LONG_LABELS_PATIENT}-mm`,
      subject,
      code: { coding: [{ system: ICD_10_CM, code: 'C90.00' }] },
      onsetDateTime: '2026-01-10',
    },
    // Two short-named sites in the days before the chest wall's, their labels over its mark.
    plasmacytoma('pc3', '2026-01-12', '10200004', 'Liver structure'),
    plasmacytoma('pc4', '2026-01-17', '39937001', 'Skin structure'),
    plasmacytoma('pc1', '2026-01-24', '87784001', 'Soft tissues', LONG_SITES.chestWall),
    plasmacytoma('pc2', '2026-09-10', '64033007', 'Kidney structure', LONG_SITES.retroperitoneum),
    {
      resourceType: 'ImagingStudy',
      id: `${LONG_LABELS_PATIENT}-pet1`,
      subject,
      status: 'registered',
      started: '2026-09-12',
      modality: [{ system: 'http://dicom.nema.org/resources/ontology/DCM', code: 'PT' }],
      description: LONG_STUDY.description,
    },
  ];
  return putTransaction(resources);
}
