/**
 * A body site with no text, no display and no code (src/rules/collect-findings.ts siteMention): the
 * rules give it no label, since cards and the timeline name it in their own language, and
 * recordings of it merge exactly as they did when the rules labelled it "unnamed site"
 * (rules page §2 "Duplicates").
 */
import { describe, expect, it } from 'vitest';
import { collectFindings, siteMention } from '../../src/rules/collect-findings.js';
import { defaultRuleSettings, plasmacytoma, recordOf, SITE, NOW } from './fixtures.js';

/** A body site as an export sends it when the site is unknown: no text, coding or display. */
const UNNAMED: fhir4.CodeableConcept = {
  extension: [
    { url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'unknown' },
  ],
};
const withSites = (id: string, bodySite: fhir4.CodeableConcept[]) =>
  plasmacytoma(id, [], { onset: '2026-10-01', extra: { bodySite } });
const activeFindings = (conditions: fhir4.Condition[]) =>
  collectFindings(recordOf(conditions), defaultRuleSettings, NOW).active;

describe('a body site the record names in no way', () => {
  it('has no label in the rules’ output, and keeps its key', () => {
    for (const site of [UNNAMED, {}, { coding: [{ system: 'http://snomed.info/sct' }] }]) {
      expect(siteMention(site, defaultRuleSettings.terminology)).toEqual({
        label: undefined,
        isOwnText: false,
        key: 'unnamed site',
        codeKeys: [],
      });
    }
  });

  it('is one site in two recordings of one finding: listed once, with both references', () => {
    const findings = activeFindings([withSites('a', [UNNAMED]), withSites('b', [{}])]);
    expect(findings.map((f) => [f.findingClass, f.references])).toEqual([
      ['unclassified', ['Condition/a', 'Condition/b']],
    ]);
  });

  it('is not a site given only as text, nor a coded site', () => {
    const findings = activeFindings([
      withSites('a', [UNNAMED]),
      withSites('b', [{ text: 'Left thigh' }]),
      withSites('c', [UNNAMED, { coding: [SITE.liver] }]),
      withSites('d', [{ coding: [SITE.liver] }]),
    ]);
    expect(findings.map((f) => f.references)).toEqual([
      ['Condition/a'],
      ['Condition/b'],
      ['Condition/c'],
      ['Condition/d'],
    ]);
  });

  it('still meets a site whose text is "Unnamed site", as before', () => {
    const findings = activeFindings([
      withSites('a', [UNNAMED]),
      withSites('b', [{ text: 'Unnamed site' }]),
    ]);
    expect(findings.map((f) => f.references)).toEqual([['Condition/a', 'Condition/b']]);
  });
});
