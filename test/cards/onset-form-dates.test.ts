/**
 * The date a card gives a finding ("since …", config/wording/en.yaml) is its onset, else its
 * recordedDate when it records no onset at all (rules page §3.2). An onset given in a form that
 * names no date (an age, a range, a period with only an end, a text) is not known: the card gives
 * no date rather than the recordedDate as if it were the onset. A finding recorded twice (§2
 * "Duplicates") whose one recording has such an onset may have begun before the other's date,
 * so it is undated too. Expected lines are typed from the wording file.
 *
 * Wording regression test: its expected text is copied from config/wording/*.yaml, so it
 * guards the wording against unintended change, not the clinical claim; the rules page's
 * claims are held by test/cards/example-cards-claims.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { CARD_EXTENSION } from '../../src/cds/cards/build-card.js';
import { myeloma, plasmacytoma, SITE } from '../rules/fixtures.js';
import { cardsFor } from './cards-for.js';

const AGE_59 = { value: 59, unit: 'a', system: 'http://unitsofmeasure.org', code: 'a' };
/** Myeloma of 2019: the liver plasmacytomas below are years later, so the phase is unknown. */
const mm = myeloma('mm', { onset: '2019-05-01' });
const LIVER = '- Liver structure: true EMD \\(soft tissue / organ\\)';

function liverLines(resources: fhir4.Resource[]): string[] {
  const card = cardsFor(resources).find(
    (c) => c.extension?.[CARD_EXTENSION.ruleId] === 'emd-soft-tissue',
  );
  return (card?.detail ?? '').split('\n').filter((line) => line.startsWith('- Liver structure'));
}

describe('a finding line on the emd-soft-tissue card', () => {
  it.each([
    ['text (onsetString)', { onsetString: '2026' }],
    ['an age (onsetAge)', { onsetAge: AGE_59 }],
    ['a range of ages (onsetRange)', { onsetRange: { low: AGE_59, high: AGE_59 } }],
    ['a period with only an end (onsetPeriod)', { onsetPeriod: { end: '2026-09-01' } }],
  ] as [string, Partial<fhir4.Condition>][])(
    'gives no date when the onset is %s, not the recordedDate',
    (_, onset) => {
      const pc = plasmacytoma('pc', [SITE.liver], { recordedDate: '2026-10-01', extra: onset });
      expect(liverLines([mm, pc])).toEqual([LIVER]);
    },
  );

  it('is dated by the recordedDate when the Condition records no onset at all', () => {
    const pc = plasmacytoma('pc', [SITE.liver], { recordedDate: '2026-10-01' });
    expect(liverLines([mm, pc])).toEqual([`${LIVER}, since 2026-10-01`]);
  });

  it('is dated by the onset period start, as before', () => {
    const pc = plasmacytoma('pc', [SITE.liver], {
      recordedDate: '2026-10-01',
      extra: { onsetPeriod: { start: '2026-09-15' } },
    });
    expect(liverLines([mm, pc])).toEqual([`${LIVER}, since 2026-09-15`]);
  });

  it('gives no date to a finding recorded twice when one recording cannot be dated', () => {
    const problemList = plasmacytoma('pc1', [SITE.liver], {
      recordedDate: '2026-10-01',
      extra: { onsetString: 'before 2020' },
    });
    const encounter = plasmacytoma('pc2', [SITE.liver], { onset: '2026-09-20' });
    expect(liverLines([mm, problemList, encounter])).toEqual([LIVER]);
  });

  it('keeps the earliest date of a finding recorded twice when both are dated', () => {
    const problemList = plasmacytoma('pc1', [SITE.liver], { onset: '2026-09-25' });
    const encounter = plasmacytoma('pc2', [SITE.liver], { onset: '2026-09-20' });
    expect(liverLines([mm, problemList, encounter])).toEqual([`${LIVER}, since 2026-09-20`]);
  });
});
