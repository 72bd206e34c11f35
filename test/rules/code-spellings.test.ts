/**
 * H97: a record's code spelled with characters no code system writes (a zero-width space or
 * another format character, a soft hyphen, full-width forms typed with a Chinese input method)
 * is read as the code a reader sees, once NFKC-normalised, its format characters removed and
 * its blanks trimmed; the explain trace names it once, as sent (escaped) and as read. Nothing
 * looser: case and dots stay the code system's rules (rules page §2). H98: a study's or
 * series' modality with no system is read as DICOM's (R4 binds ImagingStudy.modality to DICOM's
 * modalities), so a PET study so written covers the whole body (§3.4). Every expectation is
 * typed from the rules page (§2, §3.4, §4, §5, §6), not computed.
 */
import { describe, expect, it } from 'vitest';
import { codeRead, readingOf, visibly } from '../../src/rules/code-spelling.js';
import { evaluate } from '../../src/rules/evaluate.js';
import type { HookContext } from '../../src/rules/types.js';
import {
  condition,
  daysFrom,
  defaultRuleSettings,
  icd,
  NOW,
  PATIENT_ID,
  recordOf,
  SITE,
  SYSTEM,
} from './fixtures.js';

const terminology = defaultRuleSettings.terminology;
const PATIENT_VIEW: HookContext = { kind: 'patient-view', patientId: PATIENT_ID };

/** As sent → as read. */
const READ: [string, string][] = [
  ['C90.20\u200B', 'C90.20'],
  ['\u200BC90.20', 'C90.20'],
  ['C90.2\u200C0', 'C90.20'],
  ['C90\u200D.20', 'C90.20'],
  ['C90.20\u2060', 'C90.20'],
  ['C90\uFEFF.20', 'C90.20'],
  ['C90.\u00AD20', 'C90.20'],
  ['\u00A0C90.20\u200B', 'C90.20'],
  ['Ｃ９０．２０', 'C90.20'],
  ['Ｃ９０．２０\u3000', 'C90.20'],
  ['１２３１００４', '1231004'],
];

/** Codes that read as themselves: clean, blanks only (always trimmed), or no code at all. */
const AS_SENT = ['C90.20', ' C90.20 ', 'C90.20\u00A0', '\uFEFFC90.20', '髓外浆细胞瘤', '\u200B'];

describe('a code read through its spelling (H97)', () => {
  for (const [sent, read] of READ)
    it(`reads ${visibly(sent)} as ${read}`, () => {
      expect(readingOf(sent)?.read).toBe(read);
      expect(codeRead(sent)).toBe(read);
    });

  for (const sent of AS_SENT)
    it(`reads ${JSON.stringify(sent)} as itself`, () => {
      expect(readingOf(sent)).toBeUndefined();
    });

  it('works out each spelling once, then answers from its cache', () => {
    expect(readingOf('C90.00\u200B')).toBe(readingOf('C90.00\u200B'));
  });

  it('names what differs, and writes the unseen characters as \\u escapes', () => {
    expect(readingOf('C90.20\u200B')?.how).toBe('zero-width space U+200B removed');
    expect(readingOf('C90.\u00AD20\uFEFF')?.how).toBe(
      'soft hyphen U+00AD, zero-width no-break space (byte order mark) U+FEFF removed',
    );
    expect(readingOf('C90\u180E.20')?.how).toBe('format character U+180E removed');
    expect(readingOf('Ｃ９０．２０')?.how).toBe('full-width or compatibility forms read as ASCII');
    expect(visibly('C90.20\u200B')).toBe('C90.20\\u200B');
    expect(visibly('\u00A0C90.20')).toBe('\\u00A0C90.20');
    expect(visibly('Ｃ９０．２０')).toBe('Ｃ９０．２０');
    expect(visibly('C90.20')).toBe('C90.20');
  });

  it('matches the value sets through the reading, with the system’s own rules and no looser', () => {
    const myeloma = (system: string, code: string) =>
      terminology.holds('multipleMyeloma', { system, code });
    // ICD-10-CM: with or without the dot, any case (rules page §2).
    expect(myeloma(SYSTEM.icd10cm, 'C90.00\u200B')).toBe(true);
    expect(myeloma(SYSTEM.icd10cm, 'C9000\u200B')).toBe(true);
    expect(myeloma(SYSTEM.icd10cm, 'ｃ９０．００')).toBe(true);
    expect(myeloma('urn:oid:2.16.840.1.113883.6.90', 'Ｃ９０．００')).toBe(true);
    // SNOMED CT 109989006 multiple myeloma; ICD-O-3 9732/3.
    expect(myeloma(SYSTEM.snomed, '１０９９８９００６')).toBe(true);
    expect(myeloma(SYSTEM.icdo3, '9732/3\u200B')).toBe(true);
    // A blank inside is read since H149 (./code-layout.test.ts); nothing looser: another code,
    // another system.
    expect(myeloma(SYSTEM.icd10cm, 'C90 .00\u200B')).toBe(true);
    expect(myeloma(SYSTEM.icd10cm, 'C90.0\u200B')).toBe(false);
    expect(myeloma(SYSTEM.snomed, 'C90.00\u200B')).toBe(false);
    // LOINC 44139-4 (PET whole body): its hyphen is part of the code.
    expect(terminology.holds('imagingPet', { system: SYSTEM.loinc, code: '44139-4\u200B' })).toBe(
      true,
    );
    expect(terminology.holds('imagingPet', { system: SYSTEM.loinc, code: '441394\u200B' })).toBe(
      false,
    );
  });

  it('keys a code read so as the code: one finding with its clean twin', () => {
    expect(terminology.keyOf(icd('C90.20\u200B'))).toBe(terminology.keyOf(icd('C90.20')));
  });
});

/** Myeloma C90.00 and a plasmacytoma at `site`, the latter coded `code`. */
function evaluationOf(
  code: fhir4.Coding,
  site: fhir4.Coding,
  options: { clinicalStatus?: string; verificationStatus?: string; twice?: boolean } = {},
) {
  const mm = condition('mm', { code: [icd('C90.00')], onset: '2024-01-15' });
  const finding = (id: string) =>
    condition(id, {
      code: [code],
      sites: [site],
      onset: '2026-10-01',
      ...(options.clinicalStatus ? { clinicalStatus: options.clinicalStatus } : {}),
      ...(options.verificationStatus ? { verificationStatus: options.verificationStatus } : {}),
    });
  const record = recordOf(
    options.twice ? [mm, finding('pc'), finding('pc2')] : [mm, finding('pc')],
  );
  const run = () =>
    evaluate({ record, settings: defaultRuleSettings, context: PATIENT_VIEW, now: NOW });
  return { run, evaluation: run() };
}

const fired = (evaluation: ReturnType<typeof evaluate>) =>
  evaluation.outcomes.filter((o) => o.fired).map((o) => [o.ruleId, o.indicator]);
const readLines = (evaluation: ReturnType<typeof evaluate>) =>
  evaluation.trace.filter((line) => /^(code|modality) "/.test(line.message));

describe('a record whose codes are spelled with invisible or full-width characters (H97)', () => {
  it('raises the CNS card for C90.20 with a zero-width space, named once in the trace', () => {
    const { evaluation, run } = evaluationOf(icd('C90.20\u200B'), SITE.brain, { twice: true });
    // Rules page §4: an active cns finding (brain 12738006) → emd-cns, critical.
    expect(fired(evaluation)).toEqual([['emd-cns', 'critical']]);
    const lines = [
      {
        message:
          'code "C90.20\\u200B" read as C90.20 (zero-width space U+200B removed): the feed should send C90.20',
      },
    ];
    expect(readLines(evaluation)).toEqual(lines);
    expect(readLines(run())).toEqual(lines);
  });

  it('raises the leptomeningeal card for a full-width code and a full-width site code', () => {
    const site = { system: SYSTEM.snomed, code: '１２３１００４' };
    const { evaluation } = evaluationOf(icd('Ｃ９０．２０'), site);
    expect(fired(evaluation)).toEqual([['emd-leptomeningeal', 'critical']]);
    expect(readLines(evaluation)).toEqual([
      {
        message:
          'code "Ｃ９０．２０" read as C90.20 (full-width or compatibility forms read as ASCII): the feed should send C90.20',
      },
      {
        message:
          'code "１２３１００４" read as 1231004 (full-width or compatibility forms read as ASCII): the feed should send 1231004',
      },
    ]);
  });

  it('says nothing of a code with blanks around it, which was always read', () => {
    const { evaluation } = evaluationOf(icd(' C90.20 '), SITE.brain);
    expect(fired(evaluation)).toEqual([['emd-cns', 'critical']]);
    expect(readLines(evaluation)).toEqual([]);
  });

  it('reads a refuted plasmacytoma so coded as refuted: no card (§2, §6)', () => {
    const { evaluation } = evaluationOf(icd('C90.20\u200B'), SITE.brain, {
      verificationStatus: 'refuted',
    });
    expect(fired(evaluation)).toEqual([]);
  });

  it('reads status codes so: active is not lowered; resolved and refuted raise nothing', () => {
    const active = evaluationOf(icd('C90.20'), SITE.brain, { clinicalStatus: 'active\u200B' });
    // Unreadable, the status would lower the card (§2); read, the card is critical.
    expect(fired(active.evaluation)).toEqual([['emd-cns', 'critical']]);
    expect(readLines(active.evaluation)).toEqual([
      {
        message:
          'code "active\\u200B" read as active (zero-width space U+200B removed): the feed should send active',
      },
    ]);
    expect(readLines(active.run())).toEqual(readLines(active.evaluation));
    // §6: never a warning or critical card from resolved or refuted data.
    const resolved = evaluationOf(icd('C90.20'), SITE.brain, {
      clinicalStatus: 'ｒｅｓｏｌｖｅｄ',
    });
    expect(fired(resolved.evaluation)).toEqual([]);
    const refuted = evaluationOf(icd('C90.20'), SITE.brain, {
      verificationStatus: 'refuted\u2060',
    });
    expect(fired(refuted.evaluation)).toEqual([]);
  });
});

/** A PET study 20 days ago, its modalities as given, no procedure code and no series. */
function petStudy(modality: fhir4.Coding[]): fhir4.ImagingStudy {
  return {
    resourceType: 'ImagingStudy',
    id: 'pet',
    status: 'available',
    subject: { reference: `Patient/${PATIENT_ID}` },
    started: daysFrom(NOW, -20),
    modality,
  };
}

/** Myeloma and an active liver plasmacytoma (emd), beside the study. */
function withStudy(study: fhir4.ImagingStudy) {
  const mm = condition('mm', { code: [icd('C90.02')], onset: '2024-01-15' });
  const pc = condition('pc', { code: [icd('C90.20')], sites: [SITE.liver], onset: '2026-10-01' });
  return evaluate({
    record: recordOf([mm, pc, study]),
    settings: defaultRuleSettings,
    context: PATIENT_VIEW,
    now: NOW,
  });
}

const proposesPetCt = (evaluation: ReturnType<typeof evaluate>) =>
  evaluation.outcomes.find((o) => o.ruleId === 'emd-soft-tissue')?.workup.wholeBodyImaging;

describe('a modality with no system (H98)', () => {
  const DICOM_LINE = {
    message:
      'modality "PT" with no code system read as DICOM\'s PT (R4 binds ImagingStudy.modality and series.modality to DICOM\'s modalities): the feed should send its system, http://dicom.nema.org/resources/ontology/DCM',
  };

  it('reads a bare PT as DICOM PET: the whole body is covered, no PET/CT proposed (§3.4, §4)', () => {
    const evaluation = withStudy(petStudy([{ code: 'PT' }]));
    expect(fired(evaluation)).toEqual([['emd-soft-tissue', 'warning']]);
    expect(proposesPetCt(evaluation)).toBe(false);
    expect(readLines(evaluation)).toEqual([DICOM_LINE]);
  });

  it('reads it on a series too, and a blank system as none', () => {
    const study: fhir4.ImagingStudy = {
      ...petStudy([]),
      series: [{ uid: '2.25.1', modality: { system: ' ', code: 'PT' } }],
    };
    const evaluation = withStudy(study);
    expect(proposesPetCt(evaluation)).toBe(false);
    expect(readLines(evaluation)).toEqual([DICOM_LINE]);
  });

  it('reads the DICOM near misses as DICOM already (H93), and the OID as written', () => {
    for (const system of [
      'http://dicom.nema.org/resources/ontology/DCM/',
      'https://dicom.nema.org/resources/ontology/DCM',
      'urn:oid:1.2.840.10008.2.16.4',
      '1.2.840.10008.2.16.4',
    ])
      expect(proposesPetCt(withStudy(petStudy([{ system, code: 'PT' }]))), system).toBe(false);
  });

  it('reads no modality of another system, and no other bare code, as PET', () => {
    for (const modality of [
      { system: 'https://pacs.example.org/modality', code: 'PT' },
      { code: 'PET' },
      { code: 'CT' },
    ])
      expect(proposesPetCt(withStudy(petStudy([modality]))), JSON.stringify(modality)).toBe(true);
  });
});
