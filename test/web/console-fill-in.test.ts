import { describe, expect, it } from 'vitest';
import { fillIn, messages } from '../../web/console/i18n.js';

// The sentences are typed from what a reader of each language should see: the numbers and
// dates stand where that language's sentence puts them.
describe("the console's messages with their numbers filled in", () => {
  it('puts the rule count before the period in English and after it in Chinese', () => {
    const values = { n: 3, from: '2026-11-01', to: '2026-11-30' };
    expect(fillIn(messages('en').alertsShown, values)).toBe(
      'Shown: cards of 3 rule(s), 2026-11-01 to 2026-11-30',
    );
    expect(fillIn(messages('zh-CN').alertsShown, values)).toBe(
      '已显示：2026-11-01 至 2026-11-30，3 条规则的卡片',
    );
  });

  it('fills a count of zero rather than dropping it', () => {
    expect(fillIn(messages('en').spoolDepth, { n: 0 })).toBe('0 audit record(s) spooled');
    expect(fillIn(messages('zh-CN').spoolDepth, { n: 0 })).toBe('已暂存 0 条审计记录');
  });

  it('leaves a placeholder it was not given in the text, where a reader can see it', () => {
    expect(fillIn('{n} of {total}', { n: 2 })).toBe('2 of {total}');
  });
});
