/**
 * Rules page §2 "Codes": a code matches by system + code, ICD-10-CM with or without its dot
 * and under its OID, SNOMED CT under its OID; value sets are enumerated and checked at load.
 */
import { describe, expect, it } from 'vitest';
import { compileTerminology } from '../../src/rules/compile-terminology.js';
import { TerminologyError, type ValueSetPlace } from '../../src/rules/terminology.js';
import { VALUE_SET_ROLES, type ValueSetRole } from '../../src/rules/value-set-roles.js';
import {
  defaultRuleSettings,
  dicom,
  icd,
  icdo3,
  local,
  loinc,
  sct,
  SITE,
  SITES_OF_CLASS,
  SYSTEM,
} from './fixtures.js';

const EMPTY = 'urn:test:empty';
const ICD_OID = 'urn:oid:2.16.840.1.113883.6.90';
const SCT_OID = 'urn:oid:2.16.840.1.113883.6.96';
const MM = 'urn:test:mm';
const MM_OTHER = 'urn:test:mm-other';

type Compose = fhir4.ValueSet['compose'];
const vs = (url: string | undefined, compose: Compose): fhir4.ValueSet => ({
  resourceType: 'ValueSet',
  status: 'active',
  ...(url ? { url } : {}),
  compose,
});
const codes = (system: string, ...list: string[]) => ({
  system,
  concept: list.map((code) => ({ code })),
});
const emptyValueSet: fhir4.ValueSet = {
  resourceType: 'ValueSet',
  url: EMPTY,
  status: 'active',
  expansion: { timestamp: '2026-11-25T00:00:00Z', total: 0 },
};

const namingSystems = [
  [SYSTEM.icd10cm, ICD_OID],
  [SYSTEM.snomed, SCT_OID],
].map(([uri = '', oid = '']): fhir4.NamingSystem => ({
  resourceType: 'NamingSystem',
  name: uri,
  status: 'active',
  kind: 'codesystem',
  date: '2026-01-01',
  uniqueId: [
    { type: 'uri', value: uri, preferred: true },
    { type: 'oid', value: oid.replace('urn:oid:', '') },
  ],
}));

/** Compiles the value sets with `multipleMyeloma` (or the roles given) on them, every other role on an empty one. */
function compile(
  valueSets: fhir4.ValueSet[],
  roles: Partial<Record<ValueSetRole, string>> = { multipleMyeloma: MM },
  naming: fhir4.NamingSystem[] = namingSystems,
) {
  const all = Object.fromEntries(VALUE_SET_ROLES.map((role) => [role, EMPTY]));
  const roleUrls = { ...all, ...roles } as Record<ValueSetRole, string>;
  return compileTerminology(naming, [emptyValueSet, ...valueSets], roleUrls);
}

describe('ICD-10-CM codes match with or without the dot, in any case', () => {
  const terminology = compile([vs(MM, { include: [codes(SYSTEM.icd10cm, 'C90.00', 'C9002')] })]);
  for (const code of ['C90.00', 'C9000', 'c90.00', 'c9000', ' C90.00 ', 'C90.02', 'c90.02']) {
    it(`matches "${code}" against the value set`, () => {
      expect(terminology.match('multipleMyeloma', [icd(code)])).toEqual(icd(code));
    });
  }
  const misses = [
    icd('C90.0'),
    icd('C90.01'),
    sct('C90.00'),
    { code: 'C90.00' },
    { system: SYSTEM.icd10cm },
  ];
  for (const coding of misses) {
    it(`does not match ${JSON.stringify(coding)}`, () => {
      expect(terminology.match('multipleMyeloma', [coding])).toBeUndefined();
    });
  }
  it('keeps the punctuation of codes outside ICD-10-CM and ICD-O-3', () => {
    const snomed = compile([vs(MM, { include: [codes(SYSTEM.snomed, '109989006')] })]);
    expect(snomed.match('multipleMyeloma', [sct('109.989.006')])).toBeUndefined();
    expect(snomed.match('multipleMyeloma', [sct('109989006')])).toEqual(sct('109989006'));
  });
});

// ICD-O-3 writes a morphology code after "M" (M-9732/3); pathology and registry exports
// carry it as M9732/3 or M-9732/3, and cancer registries (NAACCR histology and behaviour, items
// 522 and 523) and old SNOMED morphology codes (M-97323) write it without the slash (H57, H73).
describe('ICD-O-3 morphology codes match with or without their M prefix and their slash', () => {
  const icdo = compile([vs(MM, { include: [codes(SYSTEM.icdo3, '9732/3')] })]);
  for (const code of [
    '9732/3',
    'M9732/3',
    'M-9732/3',
    'm9732/3',
    ' M9732/3 ',
    '97323',
    'M97323',
    'M-97323',
    ' 97323 ',
  ]) {
    it(`matches "${code}"`, () => {
      expect(icdo.match('multipleMyeloma', [icdo3(code)])).toEqual(icdo3(code));
    });
  }
  for (const code of [
    'MM9732/3',
    'M9732/1',
    '97321',
    'M9732',
    '9732',
    'X9732/3',
    '973233',
    '9732//3',
    '9732-3',
    'C42.1',
  ]) {
    it(`does not match "${code}"`, () => {
      expect(icdo.match('multipleMyeloma', [icdo3(code)])).toBeUndefined();
    });
  }
  it('matches a value set written with the prefix against a code without it', () => {
    const prefixed = compile([vs(MM, { include: [codes(SYSTEM.icdo3, 'M9732/3')] })]);
    expect(prefixed.match('multipleMyeloma', [icdo3('9733/3'), icdo3('9732/3')])).toEqual({
      system: 'http://terminology.hl7.org/CodeSystem/icd-o-3',
      code: '9732/3',
    });
  });
  it('matches a value set written without the slash against a code with it', () => {
    const unslashed = compile([vs(MM, { include: [codes(SYSTEM.icdo3, '97323')] })]);
    expect(unslashed.match('multipleMyeloma', [icdo3('9733/3'), icdo3('9732/3')])).toEqual({
      system: 'http://terminology.hl7.org/CodeSystem/icd-o-3',
      code: '9732/3',
    });
  });
  it('leaves other systems alone: five digits there are not a morphology', () => {
    const icd10 = compile([vs(MM, { include: [codes(SYSTEM.icd10cm, '9732/3')] })]);
    expect(icd10.match('multipleMyeloma', [icd('97323')])).toBeUndefined();
    const snomed = compile([vs(MM, { include: [codes(SYSTEM.snomed, '9732/3')] })]);
    expect(snomed.match('multipleMyeloma', [sct('97323')])).toBeUndefined();
  });
  it('leaves ICD-10-CM alone: an M code there is not a morphology', () => {
    const icd10 = compile([vs(MM, { include: [codes(SYSTEM.icd10cm, 'M9732')] })]);
    expect(icd10.match('multipleMyeloma', [icd('9732/3')])).toBeUndefined();
  });
});

describe('systems sent by OID match their URI', () => {
  const terminology = compile(
    [
      vs(MM, { include: [codes(SYSTEM.icd10cm, 'C90.00')] }),
      vs('urn:test:skin', { include: [codes(SCT_OID, '39937001')] }),
    ],
    { multipleMyeloma: MM, siteSoftTissueOrgan: 'urn:test:skin' },
  );
  it('matches ICD-10-CM under urn:oid:2.16.840.1.113883.6.90, without the dot', () => {
    const byOid = { system: 'urn:oid:2.16.840.1.113883.6.90', code: 'C9000' };
    expect(terminology.match('multipleMyeloma', [icd('C90.01'), byOid])).toEqual(byOid);
  });
  it('matches SNOMED CT under urn:oid:2.16.840.1.113883.6.96, also when the value set uses the OID', () => {
    const byOid = { system: 'urn:oid:2.16.840.1.113883.6.96', code: '39937001' };
    expect(terminology.match('siteSoftTissueOrgan', [SITE.liver, byOid])).toEqual(byOid);
    expect(terminology.match('siteSoftTissueOrgan', [SITE.liver, SITE.skin])).toEqual({
      system: 'http://snomed.info/sct',
      code: '39937001',
      display: 'Skin structure',
    });
  });
  it('gives the preferred URI as the canonical system, and leaves unknown systems alone', () => {
    expect(terminology.canonicalSystem(ICD_OID)).toBe(SYSTEM.icd10cm);
    expect(terminology.canonicalSystem(SYSTEM.local)).toBe(SYSTEM.local);
  });
  it('treats an OID that no NamingSystem declares as a system of its own', () => {
    const bare = compile([vs(MM, { include: [codes(SYSTEM.icd10cm, 'C90.00')] })], undefined, []);
    expect(bare.match('multipleMyeloma', [{ system: ICD_OID, code: 'C90.00' }])).toBeUndefined();
  });
});

describe('value set composition', () => {
  it('includes the codes of another value set by URL, through several levels', () => {
    const terminology = compile([
      vs(MM, { include: [{ valueSet: ['urn:test:pcl'] }, codes(SYSTEM.icd10cm, 'C90.00')] }),
      vs('urn:test:pcl', {
        include: [{ valueSet: ['urn:test:o3'] }, codes(SYSTEM.icd10cm, 'C90.10')],
      }),
      vs('urn:test:o3', { include: [codes(SYSTEM.icdo3, '9733/3')] }),
    ]);
    for (const coding of [icd('C90.00'), icd('C90.10'), icdo3('9733/3')])
      expect(terminology.match('multipleMyeloma', [coding])).toEqual(coding);
  });
  it('removes excluded codes, given without the dot or as a value set', () => {
    const terminology = compile([
      vs(MM, {
        include: [codes(SYSTEM.icd10cm, 'C90.00', 'C90.01', 'C90.02')],
        exclude: [codes(SYSTEM.icd10cm, 'C9001'), { valueSet: ['urn:test:relapse'] }],
      }),
      vs('urn:test:relapse', { include: [codes(SYSTEM.icd10cm, 'C90.02')] }),
    ]);
    expect(terminology.match('multipleMyeloma', [icd('C90.01'), icd('C90.00')])).toEqual({
      system: 'http://hl7.org/fhir/sid/icd-10-cm',
      code: 'C90.00',
    });
    expect(terminology.match('multipleMyeloma', [icd('C90.01')])).toBeUndefined();
    expect(terminology.match('multipleMyeloma', [icd('C90.02')])).toBeUndefined();
  });
  it('intersects the value sets one component names, and its concepts with them (FHIR R4 ValueSet.compose)', () => {
    const terminology = compile([
      vs(MM, {
        include: [
          { valueSet: ['urn:test:a', 'urn:test:b'] },
          { ...codes(SYSTEM.icd10cm, 'C90.10', 'C90.11'), valueSet: ['urn:test:b'] },
        ],
      }),
      vs('urn:test:a', { include: [codes(SYSTEM.icd10cm, 'C90.00', 'C90.01')] }),
      vs('urn:test:b', { include: [codes(SYSTEM.icd10cm, 'C90.01', 'C90.02', 'C90.11')] }),
    ]);
    const members = ['C90.00', 'C90.01', 'C90.02', 'C90.10', 'C90.11'].filter(
      (code) => terminology.match('multipleMyeloma', [icd(code)]) !== undefined,
    );
    expect(members).toEqual(['C90.01', 'C90.11']);
  });
  it('keeps file order and displays, for the order a card proposes', () => {
    const terminology = compile([
      vs(MM, {
        include: [
          {
            system: SYSTEM.icd10cm,
            concept: [{ code: 'C90.02', display: 'first' }, { code: 'C90.00' }],
          },
        ],
      }),
    ]);
    expect(terminology.conceptsOf('multipleMyeloma')).toEqual([
      { system: SYSTEM.icd10cm, code: 'C90.02', display: 'first' },
      { system: SYSTEM.icd10cm, code: 'C90.00', display: undefined },
    ]);
  });
  it('reads expansion.contains, nested entries included', () => {
    const contains = [{ ...icd('C90.00'), contains: [icdo3('9732/3')] }];
    const expansion = { timestamp: '2026-11-25T00:00:00Z', contains };
    const terminology = compile([{ ...emptyValueSet, url: MM, expansion }]);
    expect(terminology.match('multipleMyeloma', [icd('C90.01'), icd('C9000')])).toEqual({
      system: 'http://hl7.org/fhir/sid/icd-10-cm',
      code: 'C9000',
    });
    expect(terminology.match('multipleMyeloma', [icdo3('9731/3'), icdo3('9732/3')])).toEqual({
      system: 'http://terminology.hl7.org/CodeSystem/icd-o-3',
      code: '9732/3',
    });
  });
  it('matches nothing with an empty value set (expansion total 0)', () => {
    const terminology = compile([], { multipleMyeloma: EMPTY });
    for (const coding of [icd('C90.00'), SITE.brain, local('anything')])
      expect(terminology.match('multipleMyeloma', [coding])).toBeUndefined();
  });
  it('returns the first coding of the list that is in the value set', () => {
    const terminology = compile([vs(MM, { include: [codes(SYSTEM.icd10cm, 'C90.00')] })]);
    expect(
      terminology.match('multipleMyeloma', [local('MM'), icd('C9000'), icd('C90.00')]),
    ).toEqual(icd('C9000'));
    expect(terminology.match('multipleMyeloma', undefined)).toBeUndefined();
  });
});

describe('load-time errors name the value set, and where in which value set', () => {
  const isA = [{ property: 'concept', op: 'is-a' as const, value: '363346000' }];
  // `places`: the index of the value set in the list compiled (0 is the empty value set that
  // `compile` puts first, so the first given is 1) and the path of the value in it.
  const cases: [string, fhir4.ValueSet[], RegExp, ValueSetPlace[]][] = [
    [
      'a filter',
      [vs(MM, { include: [{ system: SYSTEM.snomed, filter: isA }] })],
      /^ValueSet urn:test:mm: filters are not supported; enumerate the codes$/,
      [{ valueSet: 1, path: ['compose', 'include', 0, 'filter'] }],
    ],
    [
      'a whole-system include',
      [vs(MM, { include: [codes(SYSTEM.loinc, '24590-2')], exclude: [{ system: SYSTEM.snomed }] })],
      /^ValueSet urn:test:mm: a component with all of http:\/\/snomed\.info\/sct is not supported/,
      [{ valueSet: 1, path: ['compose', 'exclude', 0, 'system'] }],
    ],
    [
      'a missing included value set',
      [
        vs(MM, { include: [{ valueSet: [MM_OTHER, 'urn:test:gone'] }] }),
        vs(MM_OTHER, { include: [codes(SYSTEM.loinc, '24590-2')] }),
      ],
      /^ValueSet urn:test:gone is not loaded \(included by urn:test:mm\)$/,
      [{ valueSet: 1, path: ['compose', 'include', 0, 'valueSet', 1] }],
    ],
    [
      'an include cycle',
      [
        vs(MM, { include: [{ valueSet: ['urn:test:b'] }] }),
        vs('urn:test:b', { include: [{ valueSet: [MM] }] }),
      ],
      /^ValueSet include cycle: urn:test:mm → urn:test:b → urn:test:mm$/,
      [{ valueSet: 2, path: ['compose', 'include', 0, 'valueSet', 0] }],
    ],
    [
      'a value set including itself',
      [vs(MM, { include: [{ valueSet: [MM] }] })],
      /^ValueSet include cycle: urn:test:mm → urn:test:mm$/,
      [{ valueSet: 1, path: ['compose', 'include', 0, 'valueSet', 0] }],
    ],
    [
      'a duplicate url',
      [
        vs(MM, { include: [codes(SYSTEM.loinc, '24590-2')] }),
        vs(MM, { include: [codes(SYSTEM.loinc, '44139-4')] }),
      ],
      /^ValueSet urn:test:mm is defined twice$/,
      [
        { valueSet: 2, path: ['url'] },
        { valueSet: 1, path: ['url'] },
      ],
    ],
    [
      'a value set without url',
      [vs(undefined, { include: [codes(SYSTEM.loinc, '24590-2')] })],
      /^a ValueSet has no url$/,
      [{ valueSet: 1, path: ['url'] }],
    ],
    ['a role whose value set is not loaded', [], /^ValueSet urn:test:mm is not loaded$/, []],
  ];
  for (const [name, valueSets, message, places] of cases) {
    it(`rejects ${name}`, () => {
      expect(() => compile(valueSets)).toThrow(TerminologyError);
      expect(() => compile(valueSets)).toThrow(message);
      expect(() => compile(valueSets)).toThrow(expect.objectContaining({ places }));
    });
  }
});

describe('the shipped value sets (fhir-resources/value-sets, rules page §5)', () => {
  const { terminology } = defaultRuleSettings;
  const icds = (...list: string[]) => list.map(icd);
  const members: [ValueSetRole, fhir4.Coding[]][] = [
    ['multipleMyeloma', [...icds('C90.00', 'C90.01', 'C90.02'), icdo3('9732/3'), sct('109989006')]],
    ['plasmaCellLeukemia', [...icds('C90.10', 'C90.11', 'C90.12'), icdo3('9733/3')]],
    ['myelomaRelapse', icds('C90.02', 'C90.12', 'C90.22', 'C90.32')],
    ['myelomaRemission', icds('C90.01', 'C90.11', 'C90.21', 'C90.31')],
    ['extramedullaryPlasmacytoma', [...icds('C90.20', 'C90.21', 'C90.22'), icdo3('9734/3')]],
    ['solitaryPlasmacytoma', [...icds('C90.30', 'C90.31', 'C90.32'), icdo3('9731/3')]],
    ['siteSoftTissueOrgan', SITES_OF_CLASS.emd],
    ['siteCns', SITES_OF_CLASS.cns],
    ['siteLeptomeningeal', SITES_OF_CLASS.leptomeningeal],
    ['siteBone', SITES_OF_CLASS.paraskeletal],
    // Rules page §1 "Typical EMD sites at diagnosis: skin, soft tissues", each site word as
    // §5 codes it.
    ['siteTypicalAtDiagnosis', [sct('39937001'), sct('87784001')]],
    // §1 "Typical sites at relapse: liver, kidneys, lymph nodes, CNS, breast, pleura,
    // pericardium", each word as §5 codes it. "CNS" is every §5 CNS site: parenchymal and
    // dural (brain, spinal cord, central nervous system, dura mater) and leptomeningeal, which
    // §1 counts as CNS involvement ("particularly leptomeningeal"). "Pericardium" is both
    // §5 codes, the pericardium and the pericardial cavity. §1 names no relapse site that §5
    // leaves without a code.
    [
      'siteTypicalAtRelapse',
      [
        sct('10200004'), // liver
        sct('64033007'), // kidney
        sct('59441001'), // lymph node
        sct('12738006'), // CNS: brain
        sct('2748008'), // CNS: spinal cord
        sct('21483005'), // CNS: central nervous system
        sct('18545000'), // CNS: dura mater
        sct('1231004'), // CNS: meninges
        sct('35951006'), // CNS: subarachnoid space
        sct('65216001'), // CNS: cerebrospinal fluid
        sct('76752008'), // breast
        sct('3120008'), // pleura
        sct('76848001'), // pericardium
        sct('25489000'), // pericardial cavity
      ],
    ],
    ['imagingPet', [dicom('PT'), sct('443271005'), sct('450436003'), loinc('44139-4')]],
    ['imagingWholeBody', [loinc('46305-9'), loinc('46358-8'), SITE.wholeBody]],
    ['imagingBrain', [loinc('24590-2'), SITE.brain]],
  ];
  for (const [role, codings] of members) {
    it(`puts every section 5 code of ${role} in its value set`, () => {
      for (const coding of codings)
        expect(terminology.match(role, [coding]), JSON.stringify(coding)).toEqual(coding);
    });
  }
  // The `url` of each file in fhir-resources/value-sets/, typed from the file.
  const base = 'https://fhir.emd-cds.org/ValueSet/';
  const urls: Record<ValueSetRole, string> = {
    multipleMyeloma: `${base}multiple-myeloma`,
    plasmaCellLeukemia: `${base}plasma-cell-leukemia`,
    myelomaRelapse: `${base}myeloma-relapse`,
    myelomaRemission: `${base}myeloma-remission`,
    extramedullaryPlasmacytoma: `${base}extramedullary-plasmacytoma`,
    solitaryPlasmacytoma: `${base}solitary-plasmacytoma`,
    cnsInvolvement: `${base}cns-involvement`,
    leptomeningealInvolvement: `${base}leptomeningeal-involvement`,
    boneContactQualifier: `${base}bone-contact-qualifier`,
    siteSoftTissueOrgan: `${base}site-soft-tissue-organ`,
    siteCns: `${base}site-cns`,
    siteLeptomeningeal: `${base}site-leptomeningeal`,
    siteBone: `${base}site-bone`,
    siteTypicalAtDiagnosis: `${base}site-typical-at-diagnosis`,
    siteTypicalAtRelapse: `${base}site-typical-at-relapse`,
    imagingPet: `${base}imaging-pet`,
    imagingWholeBody: `${base}imaging-whole-body`,
    imagingCrossSectionalModality: `${base}imaging-cross-sectional-modality`,
    imagingMrModality: `${base}imaging-mr-modality`,
    imagingBrain: `${base}imaging-brain`,
    imagingSpine: `${base}imaging-spine`,
    imagingOrder: `${base}imaging-order`,
    imagingReportCategory: `${base}imaging-report-category`,
    orderPetCt: `${base}order-pet-ct`,
    orderMriBrain: `${base}order-mri-brain`,
    orderMriSpine: `${base}order-mri-spine`,
    orderCsfCytology: `${base}order-csf-cytology`,
    orderCsfFlowCytometry: `${base}order-csf-flow-cytometry`,
  };
  for (const [role, url] of Object.entries(urls))
    it(`names ${role} by the canonical URL of its file, ${url}`, () => {
      expect(terminology.urlOf(role as ValueSetRole)).toBe(url);
    });
  // Which shipped value sets hold a code, and what they call it, typed from their files (the
  // imaging-order set includes imaging-pet, imaging-whole-body, imaging-brain, order-pet-ct,
  // order-mri-brain and order-mri-spine).
  const holders: [fhir4.Coding, string, ValueSetRole[]][] = [
    [icd('C9002'), 'Multiple myeloma in relapse', ['multipleMyeloma', 'myelomaRelapse']],
    [
      icd('C90.22'),
      'Extramedullary plasmacytoma in relapse',
      ['extramedullaryPlasmacytoma', 'myelomaRelapse'],
    ],
    [icdo3('9731/3'), 'Plasmacytoma, NOS', ['solitaryPlasmacytoma']],
    [
      { system: SCT_OID, code: '12738006' },
      'Brain structure',
      ['siteCns', 'siteTypicalAtRelapse', 'imagingBrain', 'imagingOrder'],
    ],
    [sct('39937001'), 'Skin structure', ['siteSoftTissueOrgan', 'siteTypicalAtDiagnosis']],
    [sct('421060004'), 'Structure of vertebral column', ['siteBone', 'imagingSpine']],
    [sct('38266002'), 'Entire body as a whole', ['imagingWholeBody', 'imagingOrder']],
    [sct('443271005'), 'PET/CT FDG whole body', ['imagingPet', 'imagingOrder', 'orderPetCt']],
    [loinc('24590-2'), 'MR Brain', ['imagingBrain', 'imagingOrder', 'orderMriBrain']],
    [dicom('MR'), 'Magnetic Resonance', ['imagingCrossSectionalModality', 'imagingMrModality']],
  ];
  for (const [coding, display, roles] of holders)
    it(`finds ${coding.code ?? ''} (${display}) in ${roles.join(', ')} only`, () => {
      const holding = VALUE_SET_ROLES.filter(
        (role) => terminology.match(role, [local('decoy'), coding]) !== undefined,
      );
      expect(holding.sort()).toEqual([...roles].sort());
      for (const role of roles) expect(terminology.match(role, [coding])).toEqual(coding);
      expect(terminology.displayOf(coding)).toBe(display);
    });
  it('matches the shipped codes under their OIDs, ICD-10-CM without the dot', () => {
    const mm = { system: ICD_OID, code: 'C9000' };
    const skin = { system: SCT_OID, code: '39937001' };
    expect(terminology.match('multipleMyeloma', [mm])).toEqual(mm);
    expect(terminology.match('siteSoftTissueOrgan', [skin])).toEqual(skin);
  });
  it("matches the imaging report category RAD under HL7 v2 table 0074's OID, and not LAB", () => {
    // HL7 v2 tables have the OIDs 2.16.840.1.113883.12.<table>: C-CDA converters write 0074's.
    const rad = { system: 'urn:oid:2.16.840.1.113883.12.74', code: 'RAD' };
    const lab = { system: 'urn:oid:2.16.840.1.113883.12.74', code: 'LAB' };
    expect(terminology.match('imagingReportCategory', [rad])).toEqual(rad);
    expect(terminology.match('imagingReportCategory', [lab])).toBeUndefined();
  });
  it('ships the involvement and bone-contact value sets empty, for sites to fill', () => {
    const anything = [icd('C90.20'), icdo3('9734/3'), SITE.brain, SITE.meninges, SITE.bone];
    const empty = ['cnsInvolvement', 'leptomeningealInvolvement', 'boneContactQualifier'] as const;
    for (const role of empty) expect(terminology.match(role, anything), role).toBeUndefined();
  });
  it('does not put a plasmacytoma in the myeloma value set', () => {
    const plasmacytomas = [icd('C90.20'), icd('C90.30'), icdo3('9734/3'), icdo3('9731/3')];
    expect(terminology.match('multipleMyeloma', plasmacytomas)).toBeUndefined();
  });
  it('knows ICD-10-CM, SNOMED CT and ICD-O-3, under their URIs and OIDs', () => {
    for (const system of [SYSTEM.icd10cm, SYSTEM.snomed, SYSTEM.icdo3, ICD_OID, SCT_OID])
      expect(terminology.isKnownSystem(system), system).toBe(true);
    expect(terminology.isKnownSystem(SYSTEM.local)).toBe(false);
    expect(terminology.isKnownSystem(undefined)).toBe(false);
  });
});

describe('a code read again (issue #15: each code string is read once under its system)', () => {
  const { terminology } = defaultRuleSettings;
  // Rules page §2: a code matches by system + code; C90.20 is an extramedullary plasmacytoma in
  // ICD-10-CM (§5) and nothing under WHO ICD-10, which no shipped value set uses.
  const whoIcd10 = 'http://hl7.org/fhir/sid/icd-10';

  it('answers by the system each time a code string comes under another system', () => {
    const answers = [SYSTEM.icd10cm, whoIcd10, SYSTEM.icd10cm, ICD_OID, whoIcd10].map((system) =>
      terminology.holds('extramedullaryPlasmacytoma', { system, code: 'C90.20' }),
    );
    expect(answers).toEqual([true, false, true, true, false]);
  });

  it('answers the same for a code string first read under an unknown system', () => {
    const answers = [whoIcd10, SYSTEM.icd10cm, SYSTEM.icd10cm].map((system) =>
      terminology.rolesOf([{ system, code: 'C90.00' }]) === 0 ? 'none' : 'held',
    );
    expect(answers).toEqual(['none', 'held', 'held']);
  });

  it('reads a system written with blanks around it as the system, kept or not', () => {
    const padded = ` ${SYSTEM.icd10cm} `;
    expect(
      [padded, padded, SYSTEM.icd10cm].map((system) =>
        terminology.holds('extramedullaryPlasmacytoma', { system, code: 'C90.20' }),
      ),
    ).toEqual([true, true, true]);
  });
});
