/** Cards in the reader's language: Accept-Language picks the wording, with fallbacks. */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { selectLocale } from '../../src/cds/locale.js';
import { expectValidHookResponse, readExampleRequest, testApp } from '../support/app.js';

const available = ['en', 'zh-CN'];

describe('selectLocale', () => {
  const cases: [string | undefined, string][] = [
    ['zh-CN', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['zh-Hans', 'zh-CN'],
    ['zh-SG', 'zh-CN'],
    ['zh-Hans-CN', 'zh-CN'],
    ['ZH-cn', 'zh-CN'],
    ['en-GB,en;q=0.8', 'en'],
    ['fr-FR, zh;q=0.9, en;q=0.8', 'zh-CN'],
    ['en;q=0.5, zh-CN;q=0.9', 'zh-CN'],
    ['zh-CN;q=0, en', 'en'],
    ['fr-FR, de', 'en'],
    ['zh-TW', 'en'],
    ['*', 'en'],
    ['', 'en'],
    [undefined, 'en'],
    [';;;,,q=x', 'en'],
  ];
  it.each(cases)('Accept-Language %j → %s', (header, expected) => {
    expect(selectLocale(header, available, 'en')).toBe(expected);
  });
  // The header is the caller's text: names an object literal would find on Object.prototype
  // are languages nobody has (RFC 9110 §12.5.4: the default when none is available).
  const prototypeNames = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];
  it.each(prototypeNames)('Accept-Language %j → the default', (header) => {
    expect(selectLocale(header, available, 'en')).toBe('en');
    expect(selectLocale(`fr, ${header}, zh;q=0.5`, available, 'en')).toBe('zh-CN');
  });
  it('falls back to the configured default, whatever it is', () => {
    expect(selectLocale('fr', available, 'zh-CN')).toBe('zh-CN');
  });
});

describe('cards over HTTP', () => {
  for (const header of ['zh-CN', 'zh']) {
    it(`are in Simplified Chinese for Accept-Language: ${header}`, async () => {
      const response = await request(testApp())
        .post('/cds-services/emd-patient-view')
        .set('Accept-Language', header)
        .send(readExampleRequest('leptomeningeal-with-cns'));
      expect(response.status).toBe(200);
      expect(response.headers['content-language']).toBe('zh-CN');
      // RFC 9110 §12.5.5: content chosen by Accept-Language names it in Vary.
      expect(response.headers.vary?.split(/,\s*/)).toContain('Accept-Language');
      const [card] = expectValidHookResponse(response.body).cards;
      expect(card?.summary).toMatch(/软脑膜/);
      expect(card?.detail).toMatch(/软脑膜/);
      expect(card?.overrideReasons?.[0]?.display).toMatch(/[\u4e00-\u9fff]/);
    });
  }

  it('are in English, never a 500, for Accept-Language: constructor', async () => {
    const response = await request(testApp())
      .post('/cds-services/emd-patient-view')
      .set('Accept-Language', 'constructor')
      .send(readExampleRequest('leptomeningeal-with-cns'));
    expect(response.status).toBe(200);
    expect(response.headers['content-language']).toBe('en');
    expect(expectValidHookResponse(response.body).cards[0]?.summary).toMatch(
      /^Leptomeningeal myeloma/,
    );
  });

  it('are in English without Accept-Language', async () => {
    const response = await request(testApp())
      .post('/cds-services/emd-patient-view')
      .send(readExampleRequest('leptomeningeal-with-cns'));
    expect(response.headers['content-language']).toBe('en');
    expect(expectValidHookResponse(response.body).cards[0]?.summary).toMatch(
      /^Leptomeningeal myeloma/,
    );
  });
});
