/**
 * A finding classed from a known site beside a site in no value set of a class (H85): the card
 * keeps its class and level and says, on the finding's line, that the class was read from the
 * recognised sites only and which site was not. Expected text typed from config/wording/*.yaml.
 */
import { describe, expect, it } from 'vitest';
import { CARD_EXTENSION } from '../../src/cds/cards/build-card.js';
import { cardsFor } from './cards-for.js';
import { condition, icd, myeloma, sct, SITE } from '../rules/fixtures.js';

const mm = myeloma('mm', { onset: '2025-01-01' });
const skullAndDura = condition('pc1', {
  code: [icd('C90.30')],
  sites: [sct('89546000', 'Bone structure of skull'), SITE.dura],
  onset: '2026-09-01',
});

describe('the card line of a finding with a site not read (H85)', () => {
  const cases: [string, string][] = [
    [
      'en',
      '- Bone structure of skull, Dura mater structure: CNS \\(parenchymal or dural\\), class read from recognised sites only (not recognised: Bone structure of skull), since 2026-09-01',
    ],
    [
      'zh-CN',
      '- Bone structure of skull、硬膜：中枢神经系统（CNS，脑/脊髓实质或硬膜），仅依据已识别部位分类（未识别：Bone structure of skull），自 2026-09-01 起',
    ],
  ];
  for (const [locale, line] of cases)
    it(`keeps the critical CNS card and names the site not read (${locale})`, () => {
      const cards = cardsFor([mm, skullAndDura], { locale });
      expect(cards.map((c) => [c.extension?.[CARD_EXTENSION.ruleId], c.indicator])).toEqual([
        ['emd-cns', 'critical'],
      ]);
      expect(cards[0]?.detail).toContain(line);
    });

  it('says nothing of it when every site was read', () => {
    const dura = condition('pc1', {
      code: [icd('C90.30')],
      sites: [SITE.dura],
      onset: '2026-09-01',
    });
    const [card] = cardsFor([mm, dura]);
    expect(card?.detail).not.toContain('recognised');
  });
});
