/**
 * What a card calls a finding without a body site (rules page §4: the card lists the patient's
 * findings "in every locale"). The clinician's own words are shown as written, in any language;
 * a Condition giving only its code (and the code's English display) is named, on a Chinese
 * card, as the shipped value set names the concept in Chinese (C90.20: 髓外浆细胞瘤, the seed's
 * 浆细胞瘤 term), and on an English card as the record gives it.
 */
import { describe, expect, it } from 'vitest';
import { cardsFor } from './cards-for.js';
import { icd, myeloma, plasmacytoma } from '../rules/fixtures.js';

const detail = (locale: string, text?: string) => {
  const coded = { code: [{ ...icd('C90.20'), display: 'Extramedullary plasmacytoma' }] };
  const resources = [
    myeloma('mm', { onset: '2023-01-10' }),
    plasmacytoma('p1', [], { ...coded, ...(text ? { text } : {}), onset: '2026-10-02' }),
  ];
  return cardsFor(resources, { locale })
    .map((card) => card.detail ?? '')
    .join('\n');
};

describe('a finding named on a card without a body site', () => {
  it('is named in Chinese by the value set when the record gives only its code', () => {
    expect(detail('zh-CN')).toContain('- 髓外浆细胞瘤：未记录身体部位，自 2026-10-02 起');
  });

  it("keeps the record's display on an English card", () => {
    expect(detail('en')).toContain('- Extramedullary plasmacytoma: no body site recorded');
  });

  it("keeps the clinician's own words as written, on a Chinese card too", () => {
    expect(detail('zh-CN', 'Mass, left thigh')).toContain('- Mass, left thigh：未记录身体部位');
  });
});
