/**
 * Traditional Chinese as Taiwan and Hong Kong hospitals write it (漿細胞瘤, 軟腦膜, 中樞神經系統),
 * read as Simplified for the explain trace only (H151). The shipped text-only patterns and cues
 * are Simplified Chinese, the script of the review's own translation (rules page §4); a record
 * in Traditional characters matches none of them, and whether the shipped patterns should read
 * it is the clinical team's decision. This folds only the characters the shipped patterns,
 * cues and other-disease lists use whose Traditional form differs (checked by hand against the
 * Unihan simplified variants); any other character stays itself.
 */

/** Traditional → Simplified, for the characters of ../config/text-only-*.ts that differ. */
const SIMPLIFIED: Readonly<Record<string, string>> = {
  親: '亲',
  傷: '伤',
  側: '侧',
  內: '内',
  動: '动',
  華: '华',
  發: '发',
  變: '变',
  後: '后',
  復: '复',
  複: '复',
  實: '实',
  擬: '拟',
  無: '无',
  顯: '显',
  術: '术',
  樞: '枢',
  樣: '样',
  沒: '没',
  漿: '浆',
  潤: '润',
  澱: '淀',
  現: '现',
  瘡: '疮',
  確: '确',
  紅: '红',
  纖: '纤',
  組: '组',
  細: '细',
  織: '织',
  經: '经',
  結: '结',
  統: '统',
  維: '维',
  綠: '绿',
  膠: '胶',
  節: '节',
  慮: '虑',
  見: '见',
  認: '认',
  診: '诊',
  質: '质',
  轉: '转',
  軟: '软',
  進: '进',
  隱: '隐',
  顱: '颅',
  腦: '脑',
};

const CHARACTERS = Object.keys(SIMPLIFIED).join('');
const ANY_TRADITIONAL = new RegExp(`[${CHARACTERS}]`, 'u');
const EACH_TRADITIONAL = new RegExp(`[${CHARACTERS}]`, 'gu');

/** The text with those characters read as Simplified; undefined when it holds none. */
export function asSimplified(text: string): string | undefined {
  if (!ANY_TRADITIONAL.test(text)) return undefined;
  return text.replace(EACH_TRADITIONAL, (character) => SIMPLIFIED[character] ?? character);
}
