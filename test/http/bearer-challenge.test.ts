/**
 * The Bearer challenge (src/http/bearer-challenge.ts). Expected values are typed from RFC 6750
 * §3's examples (there folded over lines, here on one) and from RFC 9110 §5.6.4's quoted-pair,
 * as its §11.6.1 example writes a quote inside a parameter: title="Login to \"apps\"".
 */
import { describe, expect, it } from 'vitest';
import { bearerChallenge } from '../../src/http/bearer-challenge.js';

describe('bearerChallenge', () => {
  it('writes RFC 6750 §3 examples', () => {
    expect(bearerChallenge({ realm: 'example' })).toBe('Bearer realm="example"');
    expect(
      bearerChallenge({
        realm: 'example',
        error: 'invalid_token',
        errorDescription: 'The access token expired',
      }),
    ).toBe(
      'Bearer realm="example", error="invalid_token", error_description="The access token expired"',
    );
  });

  it('writes an error without a realm, which RFC 6750 §3 leaves optional', () => {
    expect(bearerChallenge({ error: 'invalid_token', errorDescription: 'wrong-audience' })).toBe(
      'Bearer error="invalid_token", error_description="wrong-audience"',
    );
    expect(bearerChallenge({ error: 'invalid_request' })).toBe('Bearer error="invalid_request"');
  });

  it('escapes a quote and a backslash in a value as RFC 9110 §5.6.4 quoted-pairs, and nothing else', () => {
    const cases: [string, string][] = [
      ['Login to "apps"', 'Bearer realm="Login to \\"apps\\""'],
      ['C:\\admin', 'Bearer realm="C:\\\\admin"'],
      ['\\"', 'Bearer realm="\\\\\\""'],
      ["it's a, b; c=d", 'Bearer realm="it\'s a, b; c=d"'],
    ];
    for (const [realm, expected] of cases)
      expect([realm, bearerChallenge({ realm })]).toEqual([realm, expected]);
  });
});
