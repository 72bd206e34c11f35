/**
 * Merging the findings imaging reports show (src/rules/reported-findings.ts, H59): the same
 * finding is one finding, with every report that shows it (rules page §2 "Duplicates"). The
 * same finding is the same conclusion code, where any coding shared counts as the rule's own
 * matching does (ICD-10-CM with or without the dot and under its OID, §2 Codes), and the same
 * sites, in any order, and never two classes (§3.3). Within one report, a finding coded twice
 * (one conclusionCode a code system, as HL7 v2 interfaces export it) is one finding (H68).
 * Expected groups are typed by hand.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_VALUE_SET_URLS } from '../../src/config/defaults.js';
import {
  mergeDualCodedConclusions,
  mergeReportedFindings,
  type ReportConclusion,
} from '../../src/rules/reported-findings.js';
import type { FindingClass } from '../../src/rules/types.js';
import {
  defaultRuleSettings,
  icd,
  icdo3,
  local,
  SITE,
  SYSTEM,
  terminologyAdding,
} from './fixtures.js';

const ICD10_OID = 'urn:oid:2.16.840.1.113883.6.90';
const SNOMED_OID = 'urn:oid:2.16.840.1.113883.6.96';

/** A conclusion of `report`, with its class at `sites` (rules page §3.3) typed by hand. */
const conclusion = (
  report: string,
  code: fhir4.Coding[],
  sites: fhir4.Coding[][],
  findingClass: FindingClass,
): ReportConclusion => ({
  report: { reference: `DiagnosticReport/${report}`, label: 'PET/CT report', date: '2026-10-12' },
  code: { coding: code },
  sites: sites.map((coding) => ({ coding })),
  findingClass,
});

/** Each merged finding as the reports it cites (their ids). */
const merged = (conclusions: ReportConclusion[]) =>
  mergeReportedFindings(conclusions, defaultRuleSettings.terminology).map((finding) =>
    finding.reports.map((report) => report.reference.replace('DiagnosticReport/', '')),
  );

// Codes a site adds (docs/configuring.md §3), each standing in for a SNOMED CT concept: an
// extramedullary plasmacytoma of a site, myelomatous meningitis, and a plasmacytoma arising from
// bone (in the plasmacytoma and the bone-contact value sets).
const URLS = DEFAULT_VALUE_SET_URLS;
const siteTerminology = terminologyAdding({
  [URLS.extramedullaryPlasmacytoma]: [local('emp-of-site'), local('arising-from-bone')],
  [URLS.leptomeningealInvolvement]: [local('myelomatous-meningitis')],
  [URLS.boneContactQualifier]: [local('arising-from-bone')],
});

describe('the same finding in several reports is one finding (rules page §2 "Duplicates")', () => {
  const cases: { name: string; conclusions: ReportConclusion[]; findings: string[][] }[] = [
    {
      name: 'a preliminary and a final report: C90.20 at the liver, twice',
      conclusions: [
        conclusion('prelim', [icd('C90.20')], [[SITE.liver]], 'emd'),
        conclusion('final', [icd('C90.20')], [[SITE.liver]], 'emd'),
      ],
      findings: [['prelim', 'final']],
    },
    {
      name: 'C90.20, then C9020 without the dot and C90.20 under the ICD-10-CM OID (§2 Codes)',
      conclusions: [
        conclusion('r1', [icd('C90.20')], [[SITE.liver]], 'emd'),
        conclusion('r2', [icd('C9020')], [[SITE.liver]], 'emd'),
        conclusion('r3', [{ system: ICD10_OID, code: 'C90.20' }], [[SITE.liver]], 'emd'),
      ],
      findings: [['r1', 'r2', 'r3']],
    },
    {
      name: 'one coding shared of two: C90.20 alone, then C90.20 with ICD-O-3 9734/3',
      conclusions: [
        conclusion('r1', [icd('C90.20')], [[SITE.liver]], 'emd'),
        conclusion('r2', [icdo3('9734/3'), icd('C90.20')], [[SITE.liver]], 'emd'),
      ],
      findings: [['r1', 'r2']],
    },
    {
      name: 'the liver under SNOMED CT, then under its OID system',
      conclusions: [
        conclusion('r1', [icd('C90.20')], [[SITE.liver]], 'emd'),
        conclusion('r2', [icd('C90.20')], [[{ system: SNOMED_OID, code: '10200004' }]], 'emd'),
      ],
      findings: [['r1', 'r2']],
    },
    {
      name: 'the liver and the kidney, then the kidney and the liver',
      conclusions: [
        conclusion('r1', [icd('C90.20')], [[SITE.liver], [SITE.kidney]], 'emd'),
        conclusion('r2', [icd('C90.20')], [[SITE.kidney], [SITE.liver]], 'emd'),
      ],
      findings: [['r1', 'r2']],
    },
    {
      name: 'one report concluding C90.20 and C9020: one report',
      conclusions: [
        conclusion('r1', [icd('C90.20')], [[SITE.liver]], 'emd'),
        conclusion('r1', [icd('C9020')], [[SITE.liver]], 'emd'),
      ],
      findings: [['r1']],
    },
    {
      name: 'the liver, then the liver and the kidney: not the same sites',
      conclusions: [
        conclusion('r1', [icd('C90.20')], [[SITE.liver]], 'emd'),
        conclusion('r2', [icd('C90.20')], [[SITE.liver], [SITE.kidney]], 'emd'),
      ],
      findings: [['r1'], ['r2']],
    },
    {
      name: 'the liver, then the brain',
      conclusions: [
        conclusion('r1', [icd('C90.20')], [[SITE.liver]], 'emd'),
        conclusion('r2', [icd('C90.20')], [[SITE.brain]], 'cns'),
      ],
      findings: [['r1'], ['r2']],
    },
    {
      name: 'the liver, then no site',
      conclusions: [
        conclusion('r1', [icd('C90.20')], [[SITE.liver]], 'emd'),
        conclusion('r2', [icd('C90.20')], [], 'unclassified'),
      ],
      findings: [['r1'], ['r2']],
    },
    {
      name: 'C90.20, then C90.30, at the liver: not the same code',
      conclusions: [
        conclusion('r1', [icd('C90.20')], [[SITE.liver]], 'emd'),
        conclusion('r2', [icd('C90.30')], [[SITE.liver]], 'emd'),
      ],
      findings: [['r1'], ['r2']],
    },
  ];

  for (const { name, conclusions, findings } of cases)
    it(`${name} → ${findings.map((f) => f.join(' + ')).join(' | ')}`, () => {
      expect(merged(conclusions)).toEqual(findings);
    });

  it('proposes the first report’s code and sites for the merged finding', () => {
    const [finding, ...others] = mergeReportedFindings(
      [
        conclusion('r1', [icd('C90.20')], [[SITE.liver]], 'emd'),
        conclusion('r2', [icd('C9020')], [[{ system: SYSTEM.snomed, code: '10200004' }]], 'emd'),
      ],
      defaultRuleSettings.terminology,
    );
    expect(others).toEqual([]);
    expect(finding?.code).toEqual({ coding: [icd('C90.20')] });
    expect(finding?.sites).toEqual([{ coding: [SITE.liver] }]);
  });

  it('proposes a later report’s coding in another system: C90.20, then C90.20 and 9734/3', () => {
    const [finding, ...others] = mergeReportedFindings(
      [
        conclusion('prelim', [icd('C90.20')], [[SITE.liver]], 'emd'),
        conclusion('final', [icd('C90.20'), icdo3('9734/3')], [[SITE.liver]], 'emd'),
      ],
      defaultRuleSettings.terminology,
    );
    expect(others).toEqual([]);
    expect(finding?.code.coding?.map((c) => c.code)).toEqual(['C90.20', '9734/3']);
  });

  it('keeps two classes apart: C90.20, then C90.20 with myelomatous meningitis (§3.3)', () => {
    const findings = mergeReportedFindings(
      [
        conclusion('r1', [icd('C90.20')], [], 'unclassified'),
        conclusion('r2', [icd('C90.20'), local('myelomatous-meningitis')], [], 'leptomeningeal'),
      ],
      siteTerminology,
    );
    expect(findings.map((f) => f.code.coding?.map((c) => c.code))).toEqual([
      ['C90.20'],
      ['C90.20', 'myelomatous-meningitis'],
    ]);
  });
});

describe('one report’s conclusion codes: a finding coded twice is one finding (H68)', () => {
  // Each conclusion code a CodeableConcept of its own, as an HL7 v2 interface exports them.
  const cases: {
    name: string;
    codes: fhir4.Coding[][];
    sites: fhir4.Coding[];
    terminology?: typeof siteTerminology;
    findings: string[][];
    /** Each finding's class at the report's sites (§3.3, first match wins), typed by hand. */
    classes: FindingClass[];
  }[] = [
    {
      name: 'C90.20 and ICD-O-3 9734/3 at the liver',
      codes: [[icd('C90.20')], [icdo3('9734/3')]],
      sites: [SITE.liver],
      findings: [['C90.20', '9734/3']],
      classes: ['emd'],
    },
    {
      name: '9734/3 and C90.20 at the brain',
      codes: [[icdo3('9734/3')], [icd('C90.20')]],
      sites: [SITE.brain],
      findings: [['9734/3', 'C90.20']],
      classes: ['cns'],
    },
    {
      name: 'C90.20 and 9734/3 as codings of one conclusion code',
      codes: [[icd('C90.20'), icdo3('9734/3')]],
      sites: [SITE.liver],
      findings: [['C90.20', '9734/3']],
      classes: ['emd'],
    },
    {
      name: 'a site’s plasmacytoma concept and C90.20 at the liver',
      codes: [[local('emp-of-site')], [icd('C90.20')]],
      sites: [SITE.liver],
      terminology: siteTerminology,
      findings: [['emp-of-site', 'C90.20']],
      classes: ['emd'],
    },
    {
      name: 'C90.30 and C90.20 at the liver: one code system, two conclusions (§4)',
      codes: [[icd('C90.30')], [icd('C90.20')]],
      sites: [SITE.liver],
      findings: [['C90.30'], ['C90.20']],
      classes: ['emd', 'emd'],
    },
    {
      name: 'C90.30 (solitary) and 9734/3 (extramedullary) at the liver: two findings (§5)',
      codes: [[icd('C90.30')], [icdo3('9734/3')]],
      sites: [SITE.liver],
      findings: [['C90.30'], ['9734/3']],
      classes: ['emd', 'emd'],
    },
    {
      name: 'C90.20 and myelomatous meningitis with no site: not one class (§3.3)',
      codes: [[icd('C90.20')], [local('myelomatous-meningitis')]],
      sites: [],
      terminology: siteTerminology,
      findings: [['C90.20'], ['myelomatous-meningitis']],
      classes: ['unclassified', 'leptomeningeal'],
    },
    {
      name: 'C90.20 and a plasmacytoma arising from bone with no site: not one class (§3.3)',
      codes: [[icd('C90.20')], [local('arising-from-bone')]],
      sites: [],
      terminology: siteTerminology,
      findings: [['C90.20'], ['arising-from-bone']],
      classes: ['unclassified', 'paraskeletal'],
    },
  ];

  for (const { name, codes, sites, terminology, findings, classes } of cases)
    it(`${name} → ${findings.map((f) => f.join(' + ')).join(' | ')} (${classes.join(', ')})`, () => {
      const merged = mergeDualCodedConclusions(
        codes.map((coding) => ({ coding })),
        sites.map((coding) => ({ coding: [coding] })),
        terminology ?? defaultRuleSettings.terminology,
      );
      expect(merged.map(({ concept }) => concept.coding?.map((c) => c.code))).toEqual(findings);
      expect(merged.map(({ findingClass }) => findingClass)).toEqual(classes);
    });
});
