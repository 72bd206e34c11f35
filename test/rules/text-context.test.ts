/**
 * H99–H101: how a text-only pattern's matches are read together. The matches of every pattern
 * that touch or stand apart by blanks are one span, and a cue is read against the whole span
 * (H99: 未见髓外浆细胞瘤, whose cue touches 髓外, not 浆细胞瘤). A relative's disease and this
 * patient's past one are no current mention (H100); a hedge is named, never a reason for no
 * card (H101). The cues are typed here, not the shipped ones, so that each row checks one rule
 * of the reading; the shipped ones are checked by the decision table's rows.
 */
import { describe, expect, it } from 'vitest';
import { compileNegationCues } from '../../src/rules/negation.js';
import { compileContextCues, hasCurrentWord } from '../../src/rules/text-context.js';
import { MAX_MATCHES_READ, patternHit, type PatternHit } from '../../src/rules/text-reading.js';

const textOnlyNegation = compileNegationCues({
  before: ['no', '未见', '排除'],
  after: ['excluded', 'not present', '除外'],
  pseudo: ['不除外'],
  scopeEnds: ['but'],
});
const settings = {
  textOnlyPatterns: [/plasmacytoma/iu, /extramedullary/iu, /浆细胞瘤/iu, /髓外/iu],
  textOnlyNegation,
  textOnlyContext: compileContextCues(
    {
      familyBefore: ['family history of', 'fh', '家族史'],
      familyAfter: ['家族史'],
      historyBefore: ['history of', 'h/o', 's/p', '既往'],
      historyAfter: ['病史', '术后', '已切除'],
      hedgeBefore: ['r/o', '疑似'],
      hedgeAfter: ['?', '待排'],
      current: ['recurrent', '复发'],
    },
    textOnlyNegation.scopeEnds,
  ),
};

const hit = (text: string): PatternHit | undefined => patternHit({ text }, settings);

describe('a cue reads the whole span the patterns match (H99)', () => {
  const rows: [string, string, string | undefined][] = [
    ['a Chinese cue touching the first of two matches', '未见髓外浆细胞瘤', '未见'],
    ['the same, 排除', '排除髓外浆细胞瘤', '排除'],
    ['an English cue, two matches apart by a blank', 'No extramedullary plasmacytoma', 'no'],
    ['an after-cue past the last match', '髓外浆细胞瘤除外', '除外'],
    ['an after-cue in brackets', '髓外浆细胞瘤（除外）', '除外'],
    ['an after-cue in half-width brackets', 'Plasmacytoma (excluded)', 'excluded'],
    ['an after-cue past a hyphen', 'Plasmacytoma - NOT PRESENT', 'not present'],
    ['a pseudo-negation in brackets is none', '髓外浆细胞瘤（不除外）', undefined],
    ['words between two matches keep them apart', '无症状髓外浆细胞瘤', undefined],
  ];
  it.each(rows)('%s: %s', (_name, text, cue) => {
    expect(hit(text)?.negatedBy).toBe(cue);
    expect(hit(text)?.text).toBe(text);
  });

  it('a second span not negated keeps the text a mention', () => {
    expect(hit('未见髓外浆细胞瘤；浆细胞瘤 of rib')).toEqual({
      text: '未见髓外浆细胞瘤；浆细胞瘤 of rib',
    });
  });
});

describe("a relative's or a past disease is no current mention (H100)", () => {
  const rows: [string, string, Partial<PatternHit>][] = [
    ['family, before', 'Family history of plasmacytoma', { familyBy: 'family history of' }],
    ['family, a label and its colon', 'FH: plasmacytoma', { familyBy: 'fh' }],
    ['family, Chinese, after', '浆细胞瘤家族史', { familyBy: '家族史' }],
    ['family, Chinese label, full-width colon', '家族史：浆细胞瘤', { familyBy: '家族史' }],
    ['history, a cue with a slash', 'h/o plasmacytoma', { historyBy: 'h/o' }],
    ['history, two words between', 's/p resection of plasmacytoma', { historyBy: 's/p' }],
    ['history, Chinese, before', '既往浆细胞瘤', { historyBy: '既往' }],
    ['history, Chinese, after', '浆细胞瘤病史', { historyBy: '病史' }],
    ['history, Chinese, after two matches', '髓外浆细胞瘤术后', { historyBy: '术后' }],
    ['history, Chinese, in brackets', '浆细胞瘤(已切除)', { historyBy: '已切除' }],
  ];
  it.each(rows)('%s: %s', (_name, text, reading) => {
    expect(hit(text)).toEqual({ text, ...reading });
  });

  it('a current word anywhere keeps a past one a mention', () => {
    for (const text of ['s/p resection of plasmacytoma, now recurrent', '浆细胞瘤术后复发'])
      expect(hit(text)).toEqual({ text });
  });

  it("a current word does not make a relative's disease the patient's", () => {
    expect(hit('Family history of recurrent plasmacytoma')?.familyBy).toBe('family history of');
  });

  it('a negation wins over a family or history cue', () => {
    expect(hit('No history of plasmacytoma')).toEqual({
      text: 'No history of plasmacytoma',
      negatedBy: 'no',
    });
  });

  it("a label's colon reaches the label only, not the words before it", () => {
    expect(hit('History of present illness: plasmacytoma')).toEqual({
      text: 'History of present illness: plasmacytoma',
    });
  });

  it("a scope end ends a history cue's reach", () => {
    expect(hit('h/o AML but plasmacytoma')).toEqual({ text: 'h/o AML but plasmacytoma' });
  });
});

describe('a hedge is named, and the text stays a mention (H101)', () => {
  const rows: [string, string][] = [
    ['r/o plasmacytoma', 'r/o'],
    ['Plasmacytoma?', '?'],
    ['髓外浆细胞瘤待排', '待排'],
    ['疑似髓外浆细胞瘤', '疑似'],
  ];
  it.each(rows)('%s', (text, cue) => {
    expect(hit(text)).toEqual({ text, hedgedBy: cue });
  });
});

describe('a text with many matches (issue #19)', () => {
  it(`${MAX_MATCHES_READ} matches are read, one more makes the text a mention`, () => {
    // Each 无浆细胞瘤 is one match; 未见 negates each.
    expect(hit('未见浆细胞瘤，'.repeat(MAX_MATCHES_READ))?.negatedBy).toBe('未见');
    const text = '未见浆细胞瘤，'.repeat(MAX_MATCHES_READ + 1);
    expect(hit(text)).toEqual({ text });
  });
});

describe('hasCurrentWord', () => {
  it('finds a whole word, ignoring case, and a Chinese word anywhere', () => {
    expect(hasCurrentWord('Now RECURRENT.', ['recurrent'])).toBe(true);
    expect(hasCurrentWord('nonrecurrent', ['recurrent'])).toBe(false);
    expect(hasCurrentWord('术后复发', ['复发'])).toBe(true);
    expect(hasCurrentWord('plasmacytoma', [])).toBe(false);
  });

  const LETTERS = Array.from({ length: 26 }, (_, i) => String.fromCharCode(0x61 + i));
  // Many words are looked for in one pass over the text: the table pins what that pass must
  // find, word by word and among other words. A Latin letter or digit at a word's edge must not
  // touch another; anything else (a blank, punctuation, a hyphen, another script) is an edge.
  const rows: [string, string[], boolean][] = [
    ['recurrent', ['recurrent'], true],
    ['RELAPSED', ['relapsed'], true],
    ['now relapsed.', ['new', 'relapsed'], true],
    ['renewed', ['new'], false],
    ['news', ['new'], false],
    ['new2', ['new'], false],
    ['2new', ['new'], false],
    ['new 2', ['new'], true],
    ['non-recurrent', ['recurrent'], true],
    ['nouveau récidivant', ['nouveau'], true],
    ['récurrent', ['current'], false],
    ['currenté', ['current'], false],
    ['жnewж', ['new'], true],
    ['recurrent_', ['recurrent'], true],
    // a part of a word first, then the whole word
    ['nonrecurrent, recurrent', ['recurrent'], true],
    ['nonrecurrent, recurrently', ['recurrent'], false],
    // one word the start of another: the longer or the shorter may be the one that stands
    ['recurrent', ['re', 'recurrent'], true],
    ['re-staged', ['re', 'recurrent'], true],
    ['recurrently', ['re', 'recurrent'], false],
    ['new progression', ['new york', 'progression'], true],
    ['new yorker', ['new york'], false],
    ['now recurrent', ['now recurrent'], true],
    ['now  recurrent', ['now recurrent'], false],
    // Chinese words have no word edges: anywhere, beside Latin letters too
    ['浆细胞瘤术后复发', ['复发'], true],
    ['复发', ['复发'], true],
    ['a复发b', ['复发'], true],
    ['术后进展中', ['复发', '进展'], true],
    ['术后', ['复发', '进展'], false],
    // a word whose edge is not a letter: only its Latin edge needs one
    ['tumour? yes', ['?'], true],
    ['s/p', ['s/p'], true],
    ['ss/p', ['s/p'], false],
    ['/p', ['s/p'], false],
    // the same word twice in a list, and many one-letter words
    ['a', ['a', 'a'], true],
    ['aaaa', ['a', 'a'], false],
    ['b aaaa c', LETTERS, true],
    ['aaaa bbbb', LETTERS, false],
    ['', ['recurrent'], false],
  ];
  it.each(rows)('%j with %j: %s', (text, words, expected) => {
    expect(hasCurrentWord(text, words)).toBe(expected);
  });
});

// issue #15: readings are kept by text for each settings object. A reading depends on both, so
// the same text read under other cues must be read afresh, and again under the first ones alike.
describe('the same text read again', () => {
  const withoutNo = {
    ...settings,
    textOnlyNegation: compileNegationCues({
      before: ['未见'],
      after: [],
      pseudo: [],
      scopeEnds: [],
    }),
  };

  it('is read by the cues of the settings it is read under, each time', () => {
    const text = 'no plasmacytoma';
    for (let round = 0; round < 2; round += 1) {
      expect(hit(text)).toEqual({ text, negatedBy: 'no' });
      expect(patternHit({ text }, withoutNo)).toEqual({ text });
    }
  });

  it('gives each caller its own hit, whatever the caller does with the last one', () => {
    const first = hit('plasmacytoma, h/o') as PatternHit & Record<string, unknown>;
    first['negatedBy'] = 'changed by a caller';
    expect(hit('plasmacytoma, h/o')).toEqual({ text: 'plasmacytoma, h/o' });
  });
});
