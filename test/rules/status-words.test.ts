/**
 * Rules page §2 "Status": what a status element's words say. Words are compared whole after
 * normalising case, separators and end punctuation; "ignored" (refuted, entered in error)
 * wins over "history" wherever in the element either is said: the text, a coding's display
 * or its code. The word lists are typed here, not the shipped configuration.
 */
import { describe, expect, it } from 'vitest';
import { compileStatusWords, notAbatedWordOf, readWords } from '../../src/rules/status-words.js';

const words = compileStatusWords({
  history: ['resolved', 'in remission'],
  ignored: ['entered in error', 'refuted'],
  notAbated: ['ongoing', 'not resolved', 'N/A', '持续'],
});

const rows: [string, unknown, fhir4.Coding[], 'history' | 'ignored' | undefined][] = [
  ['text only, history', 'Resolved', [], 'history'],
  ['text only, ignored, other separators and a full stop', 'Entered-in-error.', [], 'ignored'],
  ['text history, a display ignored', 'Resolved', [{ display: 'Entered in error' }], 'ignored'],
  [
    'a display history, its code ignored',
    undefined,
    [{ code: 'REFUTED', display: 'Resolved' }],
    'ignored',
  ],
  [
    'the second coding ignored',
    undefined,
    [{ display: 'In remission' }, { code: 'refuted' }],
    'ignored',
  ],
  ['text ignored, a display history', 'refuted', [{ display: 'Resolved' }], 'ignored'],
  ['a code history', undefined, [{ code: 'in_remission' }], 'history'],
  [
    'text history, codings that say nothing',
    'Resolved',
    [{ code: 'active', display: 'Active' }, {}],
    'history',
  ],
  [
    'the second coding history, the first says nothing',
    undefined,
    [{ code: 'active' }, { display: 'Resolved' }],
    'history',
  ],
  [
    'the first coding ignored, a later one history',
    undefined,
    [{ display: 'Refuted' }, { code: 'resolved' }],
    'ignored',
  ],
  [
    'an ignored code after a history display in one coding',
    'Active',
    [{ display: 'resolved', code: 'entered_in_error' }],
    'ignored',
  ],
  ['words of no list', 'Active', [{ code: 'active', display: 'Active' }], undefined],
  ['a word inside a longer text is not the word', 'not resolved', [], undefined],
  ['nothing said', undefined, [], undefined],
  ['text that is not a string', 42, [], undefined],
  // Past the length a memo keeps (probe round 7b): read all the same, each time.
  ['a word padded with 300 blanks, read each time', `${' '.repeat(300)}Refuted`, [], 'ignored'],
  ['a 300-word text is no word', 'resolved '.repeat(300), [], undefined],
];

describe('readWords', () => {
  it.each(rows)('%s', (_name, text, codings, expected) => {
    expect(readWords(text, codings, words)).toBe(expected);
  });
});

// H96: an abatementString that is a notAbated word says the Condition has not abated. Compared
// whole after the same normalisation; the word given back is the one compared, never the text.
const abatementRows: [string, unknown, string | undefined][] = [
  ['a word as listed', 'ongoing', 'ongoing'],
  ['capitals and a full stop', 'Ongoing.', 'ongoing'],
  ['other separators and blanks around it', '  Not-Resolved ', 'not resolved'],
  ['a run of blanks and a line break inside', 'not \n  resolved', 'not resolved'],
  ['a listed word written in capitals in the list', 'n/a', 'n/a'],
  ['full-width letters (NFKC)', 'Ｎ／Ａ', 'n/a'],
  ['Chinese, with a Chinese full stop', '持续。', '持续'],
  ['a word inside a longer text is not the word', 'ongoing until 2019', undefined],
  ['a date', '2019-03', undefined],
  ['a history word is no notAbated word', 'resolved', undefined],
  ['not a string', 42, undefined],
  ['nothing', undefined, undefined],
];

describe('notAbatedWordOf', () => {
  it.each(abatementRows)('%s', (_name, text, expected) => {
    expect(notAbatedWordOf(text, words)).toBe(expected);
  });

  it('finds no word in an empty list, whatever the text', () => {
    const none = compileStatusWords({ history: [], ignored: [], notAbated: [] });
    expect(notAbatedWordOf('ongoing', none)).toBeUndefined();
  });
});
