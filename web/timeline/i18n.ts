/**
 * The timeline's locales: which one a browser's preferences pick, the words of each
 * (./dictionary-en.ts, ./dictionary-zh-cn.ts), how dates are written, and how a failure is
 * followed by its cause and words by an aside.
 */
import { fhirTimeMs, isoDate, utcMs } from '../../src/rules/time.js';
import { en, type Dictionary } from './dictionary-en.js';
import { zhCN } from './dictionary-zh-cn.js';

export type { Dictionary };

export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

export const DICTIONARIES: Readonly<Record<Locale, Dictionary>> = { en, 'zh-CN': zhCN };

/** Any Chinese preference (zh, zh-Hans, zh-CN, zh-SG) → zh-CN, as the cards do; else English. */
export function pickLocale(preferences: readonly string[]): Locale {
  for (const preference of preferences) {
    const tag = preference.toLowerCase();
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return 'en';
}

/**
 * A date (ISO text) for people, in the locale, as the record writes it and the cards give it
 * (src/cds/cards/finding-view.ts `isoDate`): the calendar day written, not the UTC day of its
 * instant, so "2026-10-05T23:30:00-05:00" is 5 October, as on the card, not 6 October; and at
 * the precision written, so a year-only or month-only date ("2026", "2026-05") is not shown as
 * its first day, a day the record never gave (H71). A date that cannot be read is shown as
 * written.
 */
export function formatDate(iso: string | undefined, locale: Locale): string | undefined {
  if (!iso) return undefined;
  const written = isoDate(iso);
  if (written === undefined || Number.isNaN(fhirTimeMs(iso))) return iso;
  const [year = 0, month, day] = written.split('-').map(Number);
  const precision: Intl.DateTimeFormatOptions =
    day !== undefined
      ? { dateStyle: 'medium' }
      : month !== undefined
        ? { year: 'numeric', month: 'short' }
        : { year: 'numeric' };
  // The written day at UTC midnight, formatted at UTC: no zone can move it to another day.
  const time = utcMs(year, (month ?? 1) - 1, day ?? 1);
  return new Intl.DateTimeFormat(locale, { ...precision, timeZone: 'UTC' }).format(time);
}

/** A failure's words, then its cause (an error's message), as a label and its value. */
export function withCause(t: Dictionary, failure: string, error: unknown): string {
  return `${failure}${t.colon}${error instanceof Error ? error.message : String(error)}`;
}

/** Words, then an aside in parentheses, as the locale writes them. */
export function withAside(t: Dictionary, words: string, aside: string): string {
  return `${words}${t.parentheses.open}${aside}${t.parentheses.close}`;
}

/**
 * Words, then an aside; when the words already end in an aside of the locale's (a class name's
 * "(soft tissue / organ)"), the new one joins it after a comma, as two asides in a row read as
 * a stutter. Only for words of the card wording: a record's own name is not reopened.
 */
export function withFurtherAside(t: Dictionary, words: string, aside: string): string {
  const { open, close } = t.parentheses;
  if (!words.endsWith(close) || !words.includes(open.trim())) return withAside(t, words, aside);
  return `${words.slice(0, -close.length)}${t.comma}${aside}${close}`;
}
