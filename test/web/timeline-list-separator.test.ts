/**
 * What joins the names of a list on the timeline (a finding's sites, an unreadable entry's
 * fields): the card wording's separator the service serves (config/wording/<locale>.yaml
 * `listSeparator`, settings.json `listSeparators`), so that a configured one applies to the
 * timeline as to cards; the dictionary's `listComma` only before the settings load, and then it
 * must say what the default wording says.
 */
import { describe, expect, it } from 'vitest';
import { timelineSettingsDocument } from '../../src/http/timeline-app.js';
import { DICTIONARIES } from '../../web/timeline/i18n.js';
import { labelsFor } from '../../web/timeline/labels.js';
import { compileTimelineSettings } from '../../web/timeline/timeline-settings.js';
import { entryRuns, unreadableText } from '../../web/timeline/unreadable-text.js';
import { defaultSettings } from '../support/app.js';

const document = JSON.parse(JSON.stringify(timelineSettingsDocument(defaultSettings))) as {
  listSeparators: Record<string, string>;
};

/** The served settings with each locale's separator replaced, as an operator may configure. */
const servedWith = (listSeparators: Record<string, string>) =>
  compileTimelineSettings({ ...document, listSeparators });

/** An unreadable entry's fields as the notice writes them in `locale`, with `separators` served. */
function fieldsWritten(locale: 'en' | 'zh-CN', separators: Record<string, string>): string {
  const labels = labelsFor(locale, servedWith(separators));
  const [item] = unreadableText(
    [{ resourceType: 'Condition', id: 'c1', fields: ['id', 'code', 'subject'] }],
    labels.t,
  ).items;
  if (!item) throw new Error('one entry');
  return entryRuns(item, labels.t, labels.listComma)
    .slice(2)
    .map((run) => run.text)
    .join('');
}

describe('the list separator of the timeline', () => {
  it('is the served wording’s, for an unreadable entry’s fields', () => {
    const separators = { en: ' / ', 'zh-CN': '，' };
    expect(fieldsWritten('en', separators)).toBe('id / code / subject');
    expect(fieldsWritten('zh-CN', separators)).toBe('id，code，subject');
  });

  it('is the served wording’s, for a list the labels join', () => {
    expect(labelsFor('zh-CN', servedWith({ en: ' / ', 'zh-CN': '；' })).listComma).toBe('；');
  });

  it('is the dictionary’s before the settings load, and that says what the default wording says', () => {
    expect(labelsFor('en', undefined).listComma).toBe(', ');
    expect(labelsFor('zh-CN', undefined).listComma).toBe('、');
    expect(document.listSeparators).toEqual({ en: ', ', 'zh-CN': '、' });
    for (const locale of ['en', 'zh-CN'] as const)
      expect(DICTIONARIES[locale].listComma, locale).toBe(document.listSeparators[locale]);
  });
});
