/**
 * The audit's pseudonyms are HMAC-SHA-256 in base64url (src/cds/pseudonyms.ts). The oracle is
 * RFC 4231 §4.3 (test case 2: key "Jefe"), whose digest is typed here in hex and re-encoded.
 */
import { describe, expect, it } from 'vitest';
import { pseudonymiser, rememberingPseudonyms } from '../../src/cds/pseudonyms.js';

const RFC_4231_CASE_2 = {
  key: Buffer.from('Jefe'),
  data: 'what do ya want for nothing?',
  hmacSha256: '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
};

describe('pseudonyms', () => {
  it('are HMAC-SHA-256 of the value under the audit secret, base64url', () => {
    const pseudonymise = pseudonymiser(RFC_4231_CASE_2.key);
    expect(pseudonymise(RFC_4231_CASE_2.data)).toBe(
      Buffer.from(RFC_4231_CASE_2.hmacSha256, 'hex').toString('base64url'),
    );
  });

  it('are the same when remembered for a call, each value hashed once', () => {
    const hashed: string[] = [];
    const remembering = rememberingPseudonyms((value) => {
      hashed.push(value);
      return `p(${value})`;
    });
    const values = ['Condition/a', 'ImagingStudy/b', 'Condition/a', 'Condition/a'];

    expect(values.map(remembering)).toEqual([
      'p(Condition/a)',
      'p(ImagingStudy/b)',
      'p(Condition/a)',
      'p(Condition/a)',
    ]);
    expect(hashed).toEqual(['Condition/a', 'ImagingStudy/b']);
  });
});
