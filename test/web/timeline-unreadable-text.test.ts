/**
 * The notice the timeline shows instead of drawing, for a record the service refuses (H37, H51,
 * H43, H108): its heading fits what was malformed (Conditions, a Bundle in their place, a
 * Condition sent only in part, or other data), and each entry is named by `Type/id` with the
 * fields that are wrong, in English and Simplified Chinese, never with its content. Expected
 * words are typed from i18n's intent.
 */
import { describe, expect, it } from 'vitest';
import type { MalformedReference } from '../../web/timeline/fhir-data.js';
import { DICTIONARIES } from '../../web/timeline/i18n.js';
import { unreadableText } from '../../web/timeline/unreadable-text.js';

const condition: MalformedReference = {
  resourceType: 'Condition',
  id: 'legacy',
  fields: ['clinicalStatus', 'code.coding[0].code'],
};
const noId: MalformedReference = { resourceType: 'Condition', id: undefined, fields: ['id'] };
const bundle: MalformedReference = { resourceType: 'Bundle', id: undefined, fields: [] };
const notResource: MalformedReference = { resourceType: 'Condition', id: undefined, fields: [] };
const study: MalformedReference = { resourceType: 'ImagingStudy', id: 'ct1', fields: ['status'] };

const en = (refs: MalformedReference[]) => unreadableText(refs, DICTIONARIES.en);
const zh = (refs: MalformedReference[]) => unreadableText(refs, DICTIONARIES['zh-CN']);

describe('the notice for a malformed Condition', () => {
  it('says a Condition cannot be read, and names it and its wrong fields', () => {
    const text = en([condition, noId]);
    expect(text.heading).toBe(
      'The timeline cannot be shown: the record holds a Condition the EMD service cannot read',
    );
    expect(text.items).toEqual([
      {
        name: 'Condition/legacy',
        hasId: true,
        problem: 'fields not in FHIR R4 form',
        fields: ['clinicalStatus', 'code.coding[0].code'],
      },
      { name: 'Condition', hasId: false, problem: 'fields not in FHIR R4 form', fields: ['id'] },
    ]);
  });

  it('says it in Simplified Chinese', () => {
    const text = zh([condition]);
    expect(text.heading).toBe(
      '无法显示时间轴：记录中有一条 EMD 服务无法读取的病情记录（Condition）',
    );
    expect(text.items[0]?.problem).toBe('不符合 FHIR R4 格式的字段');
    expect(text.items[0]?.fields).toEqual(['clinicalStatus', 'code.coding[0].code']);
  });

  it('says an entry that is no resource at all is not one', () => {
    expect(en([notResource]).items).toEqual([
      { name: 'Condition', hasId: false, problem: 'not a FHIR resource', fields: [] },
    ]);
    expect(zh([notResource]).items[0]?.problem).toBe('不是 FHIR 资源');
  });
});

describe('the notice for a Bundle among the Conditions (a batch answer passed on whole, H43)', () => {
  it('has a heading about the Bundle, not about a Condition, and names no field', () => {
    for (const text of [en([bundle]), zh([bundle])]) {
      expect(text.heading).toContain('Bundle');
      expect(text.heading).not.toMatch(/holds a Condition|一条 EMD 服务无法读取的病情记录/);
      expect(text.message).toContain('Bundle');
      expect(text.items.map((i) => [i.name, i.fields])).toEqual([['Bundle', []]]);
    }
    expect(en([bundle]).heading).toBe(
      'The timeline cannot be shown: the patient’s Conditions came inside a Bundle, which the EMD service does not read',
    );
    expect(en([bundle]).items[0]?.problem).toBe(
      'a Bundle, not a Condition: what it holds is not read',
    );
  });
});

describe('the notice for other data among the Conditions, or a mix', () => {
  it('has a heading about the Conditions’ data, naming each entry by its own type', () => {
    for (const refs of [[study], [condition, bundle]]) {
      expect(en(refs).heading).toBe(
        'The timeline cannot be shown: the patient’s Conditions hold data the EMD service cannot read',
      );
      expect(zh(refs).heading).toBe(
        '无法显示时间轴：该患者的病情记录（Condition）中有 EMD 服务无法读取的数据',
      );
    }
    expect(en([study]).items.map((i) => [i.name, i.fields])).toEqual([
      ['ImagingStudy/ct1', ['status']],
    ]);
  });
});

describe('the notice for a Condition sent only in part (marked SUBSETTED, H108)', () => {
  const inPart: MalformedReference = {
    resourceType: 'Condition',
    id: 'meninges-refuted',
    fields: [],
    sentInPart: true,
  };

  it('says the FHIR server sent it in part, and names it without fields', () => {
    const text = en([inPart]);
    expect(text.heading).toBe(
      'The timeline cannot be shown: the FHIR server sent a Condition of this patient only in part',
    );
    expect(text.message).toContain('SUBSETTED');
    expect(text.items).toEqual([
      {
        name: 'Condition/meninges-refuted',
        hasId: true,
        problem: 'sent only in part (marked SUBSETTED)',
        fields: [],
      },
    ]);
  });

  it('says it in Simplified Chinese', () => {
    const text = zh([inPart]);
    expect(text.heading).toBe(
      '无法显示时间轴：FHIR 服务器只发送了该患者一条病情记录（Condition）的部分内容',
    );
    expect(text.items[0]?.problem).toBe('仅发送了部分内容（标记为 SUBSETTED）');
  });
});
