/**
 * H102: the everyday spellings of a date that hospital gateways write instead of FHIR R4's
 * dateTime (`YYYY-MM-DDThh:mm:ss+zz:zz`, FHIR R4 §2.24.0.1), each read as the FHIR date it
 * spells: a space for the T, a zone without its colon, slashes for the hyphens (year first).
 * Nothing else is guessed. Expected dates are typed from the FHIR format, not from the code.
 */
import { describe, expect, it } from 'vitest';
import { readDateSpelling } from '../../src/fhir/date-spellings.js';

describe('an everyday spelling, read as the FHIR date it spells', () => {
  it.each([
    ['2026-10-20 08:00:00', '2026-10-20T08:00:00', 'a space for T'],
    ['2026-10-20 08:00', '2026-10-20T08:00', 'a space for T'],
    ['2026-10-20 08:00:00Z', '2026-10-20T08:00:00Z', 'a space for T'],
    ['2026-10-20 08:00:00.125+08:00', '2026-10-20T08:00:00.125+08:00', 'a space for T'],
    ['2026-10-20T08:00:00+0800', '2026-10-20T08:00:00+08:00', '+0800 for +08:00'],
    ['2026-10-20T08:00:00.000+0800', '2026-10-20T08:00:00.000+08:00', '+0800 for +08:00'],
    ['2026-10-20T08:00:00-0530', '2026-10-20T08:00:00-05:30', '-0530 for -05:30'],
    ['2026/10/20', '2026-10-20', 'slashes for hyphens'],
    ['2026/10', '2026-10', 'slashes for hyphens'],
    [
      '2026/10/20 08:00:00+0800',
      '2026-10-20T08:00:00+08:00',
      'slashes for hyphens, a space for T, +0800 for +08:00',
    ],
  ])('reads %s as %s (%s)', (written, date, how) => {
    expect(readDateSpelling(written)).toEqual({ date, how });
  });
});

describe('anything else is not read', () => {
  it.each([
    // FHIR dates already: nothing to read.
    '2026',
    '2026-10',
    '2026-10-20',
    '2026-10-20T08:00:00+08:00',
    // Day or month first, no separators, a week, mixed separators: not unmistakable.
    '20/10/2026',
    '10/20/2026',
    '20.10.2026',
    '20261020',
    '2026-W43',
    '2026/10-20',
    // Spelled so, but no real date or time (the schemas' own checks).
    '2026/13/20',
    '2026-10-20 24:00:00',
    '2026-10-20 08:60',
    '2026-10-20T08:00:00+1500',
    // A zone after a date alone, a blank before the zone, a trailing blank, too many decimals.
    '2026/10/20+0800',
    '2026-10-20 08:00:00 +0800',
    '2026-10-20 08:00:00 ',
    '2026-10-20 08:00:00.1234567890Z',
    '',
    'last spring',
  ])('leaves %j unread', (written) => {
    expect(readDateSpelling(written)).toBeUndefined();
  });

  it('looks no further than a spelling can be long', () => {
    expect(readDateSpelling(`2026/10/20${' '.repeat(100_000)}`)).toBeUndefined();
  });
});
