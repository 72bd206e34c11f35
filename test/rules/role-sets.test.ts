/**
 * A Condition's code classified once (issue #15): the role set of its codings answers each
 * value set as match() does (rules page §2 "Codes": system + code, ICD-10-CM with or without
 * its dot and under its OID), including codes in several value sets.
 */
import { describe, expect, it } from 'vitest';
import { inRole, VALUE_SET_ROLES } from '../../src/rules/value-set-roles.js';
import { defaultRuleSettings, icd, sct, SYSTEM } from './fixtures.js';

const { terminology } = defaultRuleSettings;
const ICD_OID = 'urn:oid:2.16.840.1.113883.6.90';

describe('role sets of codings', () => {
  it('C90.02 (multiple myeloma, in relapse) is in the myeloma and relapse value sets only', () => {
    const roles = terminology.rolesOf([icd('C90.02')]);
    const held = VALUE_SET_ROLES.filter((role) => inRole(roles, role));
    expect(held).toEqual(['multipleMyeloma', 'myelomaRelapse']);
  });

  it('reads ICD-10-CM without its dot, in lower case and under its OID alike', () => {
    for (const coding of [
      icd('C9020'),
      icd('c90.20'),
      { system: ICD_OID, code: 'C90.20' },
      { system: ` ${SYSTEM.icd10cm} `, code: ' C90.20 ' },
    ]) {
      const roles = terminology.rolesOf([coding]);
      expect(inRole(roles, 'extramedullaryPlasmacytoma'), JSON.stringify(coding)).toBe(true);
    }
  });

  it('is the union over every coding, and empty for unknown, partial or malformed codings', () => {
    const roles = terminology.rolesOf([sct('38341003'), icd('C90.00')]);
    expect(inRole(roles, 'multipleMyeloma')).toBe(true);
    expect(terminology.rolesOf([sct('38341003')])).toBe(0);
    expect(terminology.rolesOf([{ system: SYSTEM.icd10cm }, { code: 'C90.00' }])).toBe(0);
    expect(terminology.rolesOf(undefined)).toBe(0);
    const junk = [null, 7, { system: 5, code: 'C90.00' }] as unknown as fhir4.Coding[];
    expect(terminology.rolesOf(junk)).toBe(0);
  });

  it('agrees with match() for every role on every value-set concept', () => {
    for (const role of VALUE_SET_ROLES)
      for (const concept of terminology.conceptsOf(role)) {
        const roles = terminology.rolesOf([concept]);
        for (const other of VALUE_SET_ROLES)
          expect(inRole(roles, other)).toBe(terminology.match(other, [concept]) !== undefined);
      }
  });
});
