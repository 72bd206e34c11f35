/**
 * The timeline dates a Condition as the rules page does (§3.2: its onset, else its
 * `recordedDate`), and "else recordedDate" is for a Condition that records no onset at all. One
 * whose onset is given in a form that names no date (`onsetString` "2019", `onsetAge`,
 * `onsetRange`, `onsetPeriod` without a start) has an onset not known: the timeline must not
 * draw its recordedDate (often the date a migration loaded it) as when it began. A relapse or
 * remission is still drawn when it was recorded, which is all its label ("relapse recorded")
 * says. Resources are typed by hand; the dates are the record's own.
 */
import { describe, expect, it } from 'vitest';
import { buildTimelineModel } from '../../web/timeline/timeline-model.js';
import {
  defaultRuleSettings,
  myeloma,
  plasmacytoma,
  recordOf,
  SITE,
  condition,
} from '../rules/fixtures.js';

const modelOf = (resources: fhir4.Resource[]) =>
  buildTimelineModel(recordOf(resources), defaultRuleSettings);
const AGE_59 = { value: 59, unit: 'a', system: 'http://unitsofmeasure.org', code: 'a' };

describe('the myeloma lane', () => {
  it('draws no diagnosis at the recordedDate of a myeloma whose onset is text', () => {
    const model = modelOf([
      myeloma('mm', { recordedDate: '2026-08-01', extra: { onsetString: '2019' } }),
    ]);
    expect(model.myelomaEvents).toEqual([]);
  });

  it('draws a relapse recorded on its recordedDate, and no diagnosis, when the onset is an age', () => {
    const model = modelOf([
      myeloma('mm', {
        clinicalStatus: 'relapse',
        recordedDate: '2026-08-01',
        extra: { onsetAge: AGE_59 },
      }),
    ]);
    expect(model.myelomaEvents.map((e) => [e.kind, e.date])).toEqual([['relapse', '2026-08-01']]);
  });

  it('still dates the diagnosis by the recordedDate of a myeloma with no onset at all', () => {
    const model = modelOf([myeloma('mm', { recordedDate: '2026-08-01' })]);
    expect(model.myelomaEvents.map((e) => [e.kind, e.date])).toEqual([['diagnosis', '2026-08-01']]);
  });
});

describe('the finding lanes', () => {
  const mm = myeloma('mm', { onset: '2026-06-01' });

  it.each([
    ['text (onsetString)', { onsetString: '2019-03' }],
    ['an age (onsetAge)', { onsetAge: AGE_59 }],
    ['a range of ages (onsetRange)', { onsetRange: { low: AGE_59, high: AGE_59 } }],
    ['a period with only an end (onsetPeriod)', { onsetPeriod: { end: '2019-05-01' } }],
  ] as [string, Partial<fhir4.Condition>][])(
    'give a plasmacytoma whose onset is %s no date, not its recordedDate',
    (_, onset) => {
      const model = modelOf([
        mm,
        plasmacytoma('pc', [SITE.liver], { recordedDate: '2026-07-01', extra: onset }),
      ]);
      expect(model.findings.map((f) => [f.id, f.date])).toEqual([['Condition/pc', undefined]]);
    },
  );

  it('give a text-only plasmacytoma whose onset is text no date either', () => {
    const model = modelOf([
      mm,
      condition('tx', {
        text: 'Plasmacytoma of the liver',
        recordedDate: '2026-07-01',
        extra: { onsetString: 'spring 2019' },
      }),
    ]);
    expect(model.findings.map((f) => [f.id, f.isTextOnly, f.date])).toEqual([
      ['Condition/tx', true, undefined],
    ]);
  });

  it('still date a plasmacytoma with no onset at all by its recordedDate', () => {
    const model = modelOf([mm, plasmacytoma('pc', [SITE.liver], { recordedDate: '2026-07-01' })]);
    expect(model.findings.map((f) => [f.id, f.date])).toEqual([['Condition/pc', '2026-07-01']]);
  });
});
