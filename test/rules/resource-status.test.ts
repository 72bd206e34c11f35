import { describe, expect, it } from 'vitest';
import { resourceStatus, statusAsRead } from '../../src/rules/resource-status.js';

// The expected codes are FHIR R4's (ImagingStudy, DiagnosticReport and ServiceRequest status
// value sets), typed from the FHIR text; the spellings are those the records probe met.
describe('resourceStatus: a status read as the FHIR R4 code it spells', () => {
  it.each([
    ['entered-in-error', 'entered-in-error'],
    ['Entered-In-Error', 'entered-in-error'],
    ['ENTERED_IN_ERROR', 'entered-in-error'],
    ['entered in error', 'entered-in-error'],
    ['EnteredInError', 'entered-in-error'],
    [' cancelled ', 'cancelled'],
    ['CANCELLED', 'cancelled'],
    ['cancelled\u200B', 'cancelled'], // a zero-width space, as H97 reads a code
    ['ｃａｎｃｅｌｌｅｄ', 'cancelled'], // full-width forms
    ['canceled', 'cancelled'],
    ['Canceled', 'cancelled'],
    ['AVAILABLE', 'available'],
    ['Final', 'final'],
    ['On Hold', 'on-hold'],
    ['on_hold', 'on-hold'],
    ['ＤＲＡＦＴ', 'draft'],
  ])('%j → %s', (sent, code) => {
    expect(resourceStatus(sent)).toBe(code);
  });

  it.each(['voided', 'error', 'in progress', '', 'entered-in-error-2'])(
    'leaves %j as sent: it spells no FHIR code',
    (sent) => {
      expect(resourceStatus(sent)).toBe(sent);
    },
  );

  it('reads no status from what is not a string', () => {
    expect(resourceStatus(undefined)).toBeUndefined();
    expect(resourceStatus(42)).toBeUndefined();
  });
});

describe('statusAsRead: how the explain trace names a status', () => {
  it('names the code alone when the record sent it as FHIR writes it', () => {
    expect(statusAsRead('cancelled')).toBe('cancelled');
  });

  it('names the record’s own spelling beside the code it was read as', () => {
    expect(statusAsRead('CANCELLED')).toBe('cancelled (sent as "CANCELLED")');
  });
});
