/**
 * A DiagnosticReport's `status` as HL7 v2 and C-CDA converters pass it through (H129). Every
 * expected code is typed from the published maps, never from the code:
 * - HL7 v2-to-FHIR IG 1.0.0, ConceptMap table-hl70123-queries-to-diagnostic-report-status
 *   (Table 0123 result status → DiagnosticReport status): O, I, S → registered; P →
 *   preliminary; C → corrected; R → partial; F → final; X → cancelled. A, Y, Z, M and N are
 *   listed as unmatched.
 * - C-CDA on FHIR 2.0.0, ConceptMap CF-ResultReportStatus (ActStatus → DiagnosticReport
 *   status): aborted → cancelled; active, held, suspended → registered; cancelled →
 *   cancelled; completed → final. It has no row for nullified.
 * The trace lines are typed from the rules page (§4 emd-reported-not-listed, §6).
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/rules/evaluate.js';
import { reportStatus, reportStatusAsRead } from '../../src/rules/report-status.js';
import { resourceStatus } from '../../src/rules/resource-status.js';
import { whyNoSourceOfFinding } from '../../src/rules/voided-imaging.js';
import {
  defaultRuleSettings,
  icd,
  liverPlasmacytomaReport,
  myeloma,
  NOW,
  PATIENT_ID,
  recentPetCt,
  recordOf,
} from './fixtures.js';

describe('reportStatus: HL7 v2 Table 0123 letters, as the v2-to-FHIR map reads them', () => {
  it.each([
    ['O', 'registered'],
    ['I', 'registered'],
    ['S', 'registered'],
    ['P', 'preliminary'],
    ['C', 'corrected'],
    ['R', 'partial'],
    ['F', 'final'],
    ['X', 'cancelled'],
  ])('%j → %s', (sent, code) => {
    expect(reportStatus(sent)).toBe(code);
  });

  // A lone letter is no spelling of any DiagnosticReport code, so its case cannot change
  // which code it names; blanks and a zero-width space are dropped as for FHIR's own codes.
  it.each([
    ['x', 'cancelled'],
    [' X ', 'cancelled'],
    ['X\u200B', 'cancelled'],
    ['Ｘ', 'cancelled'], // full-width
    ['f', 'final'],
  ])('%j → %s: a lone letter in any case or width', (sent, code) => {
    expect(reportStatus(sent)).toBe(code);
  });

  it.each(['A', 'Y', 'Z', 'M', 'N', 'Q', 'XX', 'X1'])(
    'leaves %j as sent: the map gives it no DiagnosticReport status',
    (sent) => {
      expect(reportStatus(sent)).toBe(sent);
    },
  );
});

describe('reportStatus: C-CDA ActStatus codes, as CF-ResultReportStatus reads them', () => {
  it.each([
    ['aborted', 'cancelled'],
    ['active', 'registered'],
    ['cancelled', 'cancelled'],
    ['completed', 'final'],
    ['held', 'registered'],
    ['suspended', 'registered'],
    ['Aborted', 'cancelled'],
    ['ABORTED', 'cancelled'],
  ])('%j → %s', (sent, code) => {
    expect(reportStatus(sent)).toBe(code);
  });

  it.each(['nullified', 'new', 'obsolete'])('leaves %j as sent: the map has no row for it', (s) => {
    expect(reportStatus(s)).toBe(s);
  });
});

describe('reportStatus: FHIR R4 DiagnosticReport codes', () => {
  it.each([
    'registered',
    'partial',
    'preliminary',
    'final',
    'amended',
    'corrected',
    'appended',
    'cancelled',
    'entered-in-error',
    'unknown',
  ])('%j comes back as sent', (code) => {
    expect(reportStatus(code)).toBe(code);
  });

  it.each([
    ['CANCELLED', 'cancelled'],
    ['canceled', 'cancelled'],
    ['Entered-In-Error', 'entered-in-error'],
    ['FINAL', 'final'],
  ])('%j → %s: FHIR codes spelled otherwise, as for every resource (H104)', (sent, code) => {
    expect(reportStatus(sent)).toBe(code);
  });

  it('reads no status from what is not a string', () => {
    expect(reportStatus(undefined)).toBeUndefined();
    expect(reportStatus(7)).toBeUndefined();
  });
});

describe('the letters stay unread on other resources (their v2 tables differ)', () => {
  it.each(['X', 'F', 'aborted'])('resourceStatus leaves %j as sent', (sent) => {
    expect(resourceStatus(sent)).toBe(sent);
  });

  it('does not read a study "X" as cancelled: it stays a source of a finding', () => {
    const study = recentPetCt('s1', 'X' as fhir4.ImagingStudy['status']);
    expect(whyNoSourceOfFinding(study, recordOf([study]))).toBeUndefined();
  });
});

describe('reportStatusAsRead: how the explain trace names a report status', () => {
  it.each([
    ['final', 'final'],
    ['CANCELLED', 'cancelled (sent as "CANCELLED")'],
    ['X', 'cancelled (sent as "X", an HL7 v2 result status)'],
    ['aborted', 'cancelled (sent as "aborted", a C-CDA result status)'],
    ['Q', 'Q'],
  ])('%j → %s', (sent, named) => {
    expect(reportStatusAsRead(sent)).toBe(named);
  });
});

describe('emd-reported-not-listed and a report status from HL7 v2 or C-CDA (§4, §6)', () => {
  const mm = myeloma('mm', { code: [icd('C90.02')], onset: '2023-03-14' });
  function outcomeFor(status: string) {
    const study = recentPetCt('s1');
    const report = liverPlasmacytomaReport('r1', ['ImagingStudy/s1'], {
      status: status as fhir4.DiagnosticReport['status'],
    });
    return evaluate({
      record: recordOf([mm, study, report]),
      settings: defaultRuleSettings,
      context: { kind: 'patient-view', patientId: PATIENT_ID },
      now: NOW,
    }).outcomes.find((o) => o.ruleId === 'emd-reported-not-listed');
  }

  it.each([
    ['X', 'cancelled (sent as "X", an HL7 v2 result status)'],
    ['aborted', 'cancelled (sent as "aborted", a C-CDA result status)'],
  ])('sets a report %j aside and says how its status was read', (status, named) => {
    const outcome = outcomeFor(status);
    expect(outcome?.fired).toBe(false);
    expect(outcome?.explain).toContain(`DiagnosticReport/r1 ignored: the report is ${named}`);
  });

  it.each(['F', 'completed', 'Q'])('keeps the card for a report %j', (status) => {
    expect(outcomeFor(status)?.fired).toBe(true);
  });
});
