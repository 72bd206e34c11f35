/**
 * Rules page §3.3: a finding's class comes from all its body sites (and, for involvement
 * codes, its code), first match wins: leptomeningeal, paraskeletal, cns, emd, unclassified.
 */
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/rules/classify-finding.js';
import type { FindingClass } from '../../src/rules/types.js';
import {
  defaultRuleSettings,
  icd,
  icdo3,
  local,
  sct,
  SITE,
  SITES_OF_CLASS,
  terminologyAdding,
} from './fixtures.js';

const { terminology } = defaultRuleSettings;
const asSites = (sites: (fhir4.Coding | string)[]): fhir4.CodeableConcept[] =>
  sites.map((site) => (typeof site === 'string' ? { text: site } : { coding: [site] }));
const classOf = (sites: (fhir4.Coding | string)[], codes = [icd('C90.20')]) =>
  classify(codes, asSites(sites), terminology).findingClass;

/** Sites the review names without checked codes (rules page §3.3, last paragraph). */
const UNLISTED_SITES = ['left thigh muscle', local('subcutis'), local('lung')];

describe('each section 5 site on its own gives its class', () => {
  for (const [findingClass, sites] of Object.entries(SITES_OF_CLASS)) {
    for (const site of sites) {
      it(`classifies a plasmacytoma at ${site.display ?? ''} as ${findingClass}`, () => {
        expect(classOf([site])).toBe(findingClass);
      });
    }
  }
});

describe('precedence when sites of several classes are recorded', () => {
  const cases: [string, (fhir4.Coding | string)[], FindingClass][] = [
    ['meninges with thoracic spine', [SITE.thoracicSpine, SITE.meninges], 'leptomeningeal'],
    ['cerebrospinal fluid with brain', [SITE.brain, SITE.cerebrospinalFluid], 'leptomeningeal'],
    ['subarachnoid space with skin', [SITE.skin, SITE.subarachnoidSpace], 'leptomeningeal'],
    ['thoracic spine with dura (epidural growth)', [SITE.dura, SITE.thoracicSpine], 'paraskeletal'],
    ['bone with soft tissue', [SITE.softTissue, SITE.bone], 'paraskeletal'],
    ['lumbar spine with spinal cord', [SITE.spinalCord, SITE.lumbarSpine], 'paraskeletal'],
    ['bone marrow with liver', [SITE.liver, SITE.boneMarrow], 'paraskeletal'],
    ['brain with skin', [SITE.skin, SITE.brain], 'cns'],
    ['dura with pleura', [SITE.pleura, SITE.dura], 'cns'],
    ['liver with an unlisted site', ['left thigh muscle', SITE.liver], 'emd'],
  ];
  for (const [name, sites, expected] of cases) {
    it(`classifies ${name} as ${expected}, in either order`, () => {
      expect(classOf(sites)).toBe(expected);
      expect(classOf([...sites].reverse())).toBe(expected);
    });
  }

  it('classifies a site sent under the SNOMED CT OID like its URI', () => {
    const brainByOid = { system: 'urn:oid:2.16.840.1.113883.6.96', code: '12738006' };
    expect(classOf([brainByOid, SITE.skin])).toBe('cns');
  });

  // H93: unmistakable spellings of SNOMED CT's URI (http://snomed.info/sct) and of its OID
  // (rules page §2), typed by hand; each is read as SNOMED CT.
  for (const system of [
    'http://snomed.info/sct/900000000000207008',
    'http://snomed.info/sct/731000124108/version/20250301',
    'https://snomed.info/sct',
    'http://snomed.info/sct/',
    'HTTP://SNOMED.INFO/sct',
    '2.16.840.1.113883.6.96',
    'URN:OID:2.16.840.1.113883.6.96',
  ])
    it(`classifies a brain site under ${system} as CNS (H93)`, () => {
      expect(classOf([{ system, code: '12738006' }])).toBe('cns');
    });
});

/** What the reason adds after naming a site coded in a system no value set uses (H74). */
const WHAT_TO_DO =
  'correct the system where the record is written, or add the code to a site value set (docs/configuring.md, example a)';
/** What it says instead of a site in a near miss not read, which no value set may name (H93). */
const feedFix = (system: string, what: string) =>
  `"${system}" ${what}, and is not read as it: correct the feed or its interface mapping to send http://snomed.info/sct (no value set may name "${system}": validate refuses it)`;

describe('unclassified: no body site, or only sites in no value set', () => {
  for (const site of UNLISTED_SITES) {
    it(`leaves a plasmacytoma at the unlisted site "${typeof site === 'string' ? site : (site.code ?? '')}" unclassified`, () => {
      const result = classify([icd('C90.20')], asSites([site]), terminology);
      expect(result.findingClass).toBe('unclassified');
      expect(result.because).toMatch(/^no body site is in a site value set/);
    });
  }
  it('gives the plain reason for a site in words only, or in SNOMED CT but in no site value set', () => {
    for (const site of ['left thigh muscle', sct('39607008', 'Lung structure')])
      expect(classify([icd('C90.20')], asSites([site]), terminology)).toEqual({
        findingClass: 'unclassified',
        because: 'no body site is in a site value set',
        unreadSites: [],
      });
  });
  const unread: [string, fhir4.Coding[], string][] = [
    [
      "SNOMED CT's URI with www. (a near miss not read)",
      [{ system: 'http://www.snomed.info/sct', code: '12738006', display: 'Brain structure' }],
      `site 12738006 (Brain structure) is coded in http://www.snomed.info/sct, a code system no loaded value set uses, so it was not read; ${feedFix('http://www.snomed.info/sct', "only looks like SNOMED CT's URI")}`,
    ],
    [
      "a path below SNOMED CT's URI that is no edition",
      [{ system: 'http://snomed.info/sct/brain', code: '12738006' }],
      `site 12738006 is coded in http://snomed.info/sct/brain, a code system no loaded value set uses, so it was not read; ${feedFix('http://snomed.info/sct/brain', "is a path below SNOMED CT's URI")}`,
    ],
    [
      'a local system',
      [local('subcutis')],
      `site subcutis is coded in https://ehr.example.org/CodeSystem/local, a code system no loaded value set uses, so it was not read; ${WHAT_TO_DO}`,
    ],
    [
      'no system',
      [{ code: '12738006' }],
      'site 12738006 has no code system, so it was not read; a code with no system can be in no value set: the feed must send its system',
    ],
    [
      'two systems no value set uses, beside a SNOMED CT site in no site value set',
      [
        sct('39607008', 'Lung structure'),
        { system: 'http://snomed.info/SCT', code: '12738006' },
        local('lung'),
      ],
      `sites coded in code systems no loaded value set uses were not read: 12738006 in http://snomed.info/SCT, lung in https://ehr.example.org/CodeSystem/local; ${feedFix('http://snomed.info/SCT', "only looks like SNOMED CT's URI")}; ${WHAT_TO_DO}`,
    ],
  ];
  for (const [name, sites, named] of unread) {
    it(`names a site coded in ${name} (H74)`, () => {
      expect(classify([icd('C90.20')], asSites(sites), terminology)).toEqual({
        findingClass: 'unclassified',
        because: `no body site is in a site value set; ${named}`,
        unreadSites: [],
      });
    });
  }
  it('names the first five sites coded in unknown systems, then counts the others', () => {
    const sites = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((code) => local(code));
    expect(classify([icd('C90.20')], asSites(sites), terminology).because).toBe(
      `no body site is in a site value set; sites coded in code systems no loaded value set uses were not read: a in https://ehr.example.org/CodeSystem/local, b in https://ehr.example.org/CodeSystem/local, c in https://ehr.example.org/CodeSystem/local, d in https://ehr.example.org/CodeSystem/local, e in https://ehr.example.org/CodeSystem/local, and 2 more; ${WHAT_TO_DO}`,
    );
  });
  // H85: the site not read is named beside the one that classified the finding (a brain under
  // a local system beside the liver may be CNS); the class stays, read from the known site.
  it('names the site not read beside the one that classifies the finding (H85)', () => {
    const brainLocal = local('BRAIN');
    expect(classify([icd('C90.20')], asSites([brainLocal, SITE.liver]), terminology)).toEqual({
      findingClass: 'emd',
      because:
        'body site 10200004 (Liver structure) is in https://fhir.emd-cds.org/ValueSet/site-soft-tissue-organ; not read for the class: site BRAIN in https://ehr.example.org/CodeSystem/local, in no site value set, so the class rests on the other site only; if a site not read is bone, add its code to the bone value set (siteBone, docs/configuring.md, example a): the finding would be paraskeletal (rules page §3.3.2)',
      unreadSites: [0],
    });
  });

  // H93: a site in a near miss not read cannot be added to the bone value set: the feed must
  // send SNOMED CT's URI, and the reason says so.
  it('says to correct the feed for a site not read whose system no value set may name (H93)', () => {
    const brainUnderWww = { system: 'http://www.snomed.info/sct', code: '12738006' };
    expect(classify([icd('C90.20')], asSites([brainUnderWww, SITE.liver]), terminology)).toEqual({
      findingClass: 'emd',
      because: `body site 10200004 (Liver structure) is in https://fhir.emd-cds.org/ValueSet/site-soft-tissue-organ; not read for the class: site 12738006 in http://www.snomed.info/sct, in no site value set, so the class rests on the other site only; if a site not read is bone, add its code to the bone value set (siteBone, docs/configuring.md, example a): the finding would be paraskeletal (rules page §3.3.2); ${feedFix('http://www.snomed.info/sct', "only looks like SNOMED CT's URI")}`,
      unreadSites: [0],
    });
  });
  for (const code of [icd('C90.20'), icd('C90.30'), icdo3('9734/3'), icdo3('9731/3')]) {
    it(`leaves ${code.code ?? ''} without a body site unclassified: the code does not tell bone contact`, () => {
      expect(classify([code], [], terminology)).toEqual({
        findingClass: 'unclassified',
        because: 'no body site recorded',
        unreadSites: [],
      });
    });
  }
});

describe('the reason names the matching site and its value set', () => {
  it('says which site put a finding in which class', () => {
    const { because } = classify(
      [icd('C90.20')],
      asSites([SITE.skin, SITE.thoracicSpine]),
      terminology,
    );
    // The url of fhir-resources/value-sets/site-bone.json, typed from the file.
    expect(because).toBe(
      'body site 122495006 (Thoracic spine structure) is in https://fhir.emd-cds.org/ValueSet/site-bone: contact with bone is not true EMD',
    );
  });
});

describe('codes a site adds to the involvement and bone-contact value sets', () => {
  // Keyed by the url of each file in fhir-resources/value-sets/, typed from the file.
  const extended = terminologyAdding({
    'https://fhir.emd-cds.org/ValueSet/leptomeningeal-involvement': [
      local('myelomatous-meningitis'),
    ],
    'https://fhir.emd-cds.org/ValueSet/cns-involvement': [local('cns-myeloma')],
    'https://fhir.emd-cds.org/ValueSet/bone-contact-qualifier': [local('arising-from-bone')],
  });
  const classed = (codes: fhir4.Coding[], sites: fhir4.Coding[]) =>
    classify(codes, asSites(sites), extended).findingClass;

  const cases: [string, fhir4.Coding[], fhir4.Coding[], FindingClass][] = [
    [
      'a leptomeningeal involvement code with a bone site',
      [local('myelomatous-meningitis')],
      [SITE.bone],
      'leptomeningeal',
    ],
    [
      'a bone-contact code with a dural site',
      [icd('C90.20'), local('arising-from-bone')],
      [SITE.dura],
      'paraskeletal',
    ],
    [
      'a dural site with a bone-contact site',
      [icd('C90.20')],
      [SITE.dura, local('arising-from-bone')],
      'paraskeletal',
    ],
    ['a CNS involvement code with no site', [local('cns-myeloma')], [], 'cns'],
    ['a CNS involvement code with a skin site', [local('cns-myeloma')], [SITE.skin], 'cns'],
    [
      'a CNS involvement code with a thoracic spine site',
      [local('cns-myeloma')],
      [SITE.thoracicSpine],
      'paraskeletal',
    ],
  ];
  for (const [name, codes, sites, expected] of cases) {
    it(`classifies ${name} as ${expected}`, () => {
      expect(classed(codes, sites)).toBe(expected);
    });
  }

  it('still finds no involvement code with the shipped, empty value sets', () => {
    expect(classOf([], [local('myelomatous-meningitis')])).toBe('unclassified');
    expect(classOf([SITE.dura], [local('arising-from-bone')])).toBe('cns');
  });
});
