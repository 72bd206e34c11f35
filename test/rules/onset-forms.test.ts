/**
 * Rules page §3.2: a Condition is dated by its onset, "else `recordedDate`". FHIR R4 onset[x] is
 * a dateTime, an Age, a Period, a Range or a string. A dateTime, or a Period with a start, dates
 * it (a year or month is every day in it: time.ts `instantRange`); "else recordedDate" is for a
 * Condition with no onset[x] at all. Any other form is an onset present but not known, and the
 * phase never guesses: such a myeloma onset makes the earliest myeloma onset unknown, and such a
 * finding onset is near nothing. Expected values are typed from the rules page.
 */
import { describe, expect, it } from 'vitest';
import { onsetOf, undatableOnsetOf } from '../../src/rules/condition-onset.js';
import { unreadableDateMark } from '../../src/rules/lenient-readings.js';
import { collectFindings } from '../../src/rules/collect-findings.js';
import { assessMyeloma } from '../../src/rules/myeloma.js';
import { determinePhase } from '../../src/rules/phase.js';
import {
  condition,
  defaultRuleSettings,
  myeloma,
  plasmacytoma,
  recordOf,
  SITE,
  NOW,
} from './fixtures.js';

const AGE_59 = { value: 59, unit: 'a', system: 'http://unitsofmeasure.org', code: 'a' };
const RECORDED = '2026-08-01';
const UNREADABLE = unreadableDateMark();
const DATA_ABSENT = 'http://hl7.org/fhir/StructureDefinition/data-absent-reason';

describe('onsetOf and undatableOnsetOf (recordedDate 2026-08-01)', () => {
  it.each([
    ['an onsetDateTime', { onsetDateTime: '2019-03-04' }, '2019-03-04', undefined],
    ['a year-only onsetDateTime', { onsetDateTime: '2019' }, '2019', undefined],
    ['an onsetPeriod with a start', { onsetPeriod: { start: '2019-03' } }, '2019-03', undefined],
    ['no onset[x] at all', {}, RECORDED, undefined],
    ['an onsetString', { onsetString: '2019' }, undefined, 'onsetString'],
    ['an onsetAge', { onsetAge: AGE_59 }, undefined, 'onsetAge'],
    ['an onsetRange', { onsetRange: { low: AGE_59 } }, undefined, 'onsetRange'],
    ['an onsetPeriod with only an end', { onsetPeriod: { end: '2019' } }, undefined, 'onsetPeriod'],
    // H102: a date the feed sent that the lenient reading could not read, marked in its place.
    [
      'an onsetDateTime marked unreadable',
      { _onsetDateTime: UNREADABLE },
      undefined,
      'onsetDateTime',
    ],
    [
      'an onsetPeriod whose start is marked unreadable',
      { onsetPeriod: { _start: UNREADABLE } },
      undefined,
      'onsetPeriod',
    ],
    [
      "an onsetDateTime with another's extension only (a data-absent-reason: no onset)",
      { _onsetDateTime: { extension: [{ url: DATA_ABSENT, valueCode: 'unknown' }] } },
      RECORDED,
      undefined,
    ],
  ] as [string, Partial<fhir4.Condition>, string | undefined, string | undefined][])(
    'reads %s',
    (_, onset, date, undatable) => {
      const c = condition('c', { recordedDate: RECORDED, extra: onset });
      expect(onsetOf(c)).toBe(date);
      expect(undatableOnsetOf(c)).toBe(undatable);
    },
  );
});

describe('a recordedDate marked unreadable (H102)', () => {
  it('leaves undated a Condition that records no onset, naming why', () => {
    const c = condition('c', { extra: { _recordedDate: UNREADABLE } });
    expect(onsetOf(c)).toBeUndefined();
    expect(undatableOnsetOf(c)).toBe('recordedDate');
  });

  it('leaves a dated onset as it is', () => {
    const c = condition('c', { extra: { onsetDateTime: '2019-03-04', _recordedDate: UNREADABLE } });
    expect(onsetOf(c)).toBe('2019-03-04');
    expect(undatableOnsetOf(c)).toBeUndefined();
  });
});

describe('the phase (window 90 days)', () => {
  const phaseOf = (resources: fhir4.Condition[]) => {
    const record = recordOf(resources);
    return determinePhase(
      assessMyeloma(record, defaultRuleSettings, NOW),
      collectFindings(record, defaultRuleSettings, NOW),
      90,
    );
  };
  const liver = plasmacytoma('pc', [SITE.liver], { onset: '2026-09-01' });

  it('is unknown, naming the Condition and why, when a myeloma onset is given as text', () => {
    const mm = myeloma('mm', { recordedDate: RECORDED, extra: { onsetString: '2019' } });
    const phase = phaseOf([mm, liver]);
    expect(phase.phase).toBe('unknown');
    expect(phase.because).toContain(
      "Condition/mm's onset is given as text (onsetString), which cannot be dated",
    );
  });

  it("is unknown when another myeloma Condition's dated onset is near the finding", () => {
    const dated = myeloma('mm1', { onset: RECORDED });
    const undatable = myeloma('mm2', { recordedDate: RECORDED, extra: { onsetAge: AGE_59 } });
    const phase = phaseOf([dated, undatable, liver]);
    expect(phase.phase).toBe('unknown');
    expect(phase.because).toContain(
      "Condition/mm2's onset is given as an age (onsetAge), which cannot be dated",
    );
  });

  it('is still relapsed when the myeloma is coded in relapse, whatever its onset', () => {
    const mm = condition('mm', {
      code: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'C90.02' }],
      extra: { onsetString: '2019' },
    });
    expect(phaseOf([mm, liver]).phase).toBe('relapsed');
  });

  it('is unknown when the only finding near the myeloma onset is so only by its recordedDate', () => {
    const mm = myeloma('mm', { onset: '2026-06-01' });
    const pc = plasmacytoma('pc', [SITE.liver], {
      recordedDate: '2026-07-01',
      extra: { onsetString: '2019-03' },
    });
    const phase = phaseOf([mm, pc]);
    expect(phase.phase).toBe('unknown');
    expect(phase.because).toContain(
      "Condition/pc's onset is given as text (onsetString), which cannot be dated",
    );
  });

  it('is unknown, naming why, when a myeloma onset or recordedDate could not be read (H102)', () => {
    const onset = myeloma('mm', { recordedDate: RECORDED, extra: { _onsetDateTime: UNREADABLE } });
    expect(phaseOf([onset, liver]).because).toContain(
      "Condition/mm's onset is given as a date that cannot be read (onsetDateTime), so it cannot be dated",
    );
    const recorded = myeloma('mm', { extra: { _recordedDate: UNREADABLE } });
    const phase = phaseOf([recorded, liver]);
    expect(phase.phase).toBe('unknown');
    expect(phase.because).toContain(
      'Condition/mm records no onset, and its recordedDate cannot be read as a date, so it cannot be dated',
    );
  });

  it('is diagnosis when a myeloma with no onset at all was recorded near the finding', () => {
    expect(phaseOf([myeloma('mm', { recordedDate: RECORDED }), liver]).phase).toBe('diagnosis');
  });
});
