/**
 * The statuses that make a card's findings or myeloma diagnosis uncertain, as a card template
 * names them (rules page §2 "Status": a lowered card says why). One flag a status, for a short
 * tag in a summary, and the verification words as a list, for a sentence in the detail.
 */
import { UNCERTAIN_STATUSES, type UncertainStatus } from '../../rules/uncertain-status.js';

/** One verification status word of a list, with its place, so a template can put "," and "or". */
export interface StatusWordView {
  unconfirmed: boolean;
  provisional: boolean;
  differential: boolean;
  isFirst: boolean;
  isLast: boolean;
}

export interface StatusView {
  unconfirmed: boolean;
  provisional: boolean;
  differential: boolean;
  /** A status could not be read (counts as unconfirmed, §2). */
  unreadable: boolean;
  /** More than one of the four: a summary tag cannot name them all. */
  isMixed: boolean;
  /** The verification words found, in a fixed order; an unreadable status is not a word. */
  words: StatusWordView[];
  hasWords: boolean;
  /** More than one finding is behind these statuses ("the findings are"). */
  isPlural: boolean;
}

/** The names a StatusView adds to the card view, for the template check. */
export const STATUS_VIEW_NAMES = [
  'unconfirmed',
  'provisional',
  'differential',
  'unreadable',
  'isMixed',
  'words',
  'hasWords',
  'isPlural',
  'isFirst',
  'isLast',
] as const;

export function statusView(statuses: readonly UncertainStatus[], isPlural = false): StatusView {
  const has = new Set(statuses);
  const words = UNCERTAIN_STATUSES.filter((s) => s !== 'unreadable' && has.has(s));
  return {
    unconfirmed: has.has('unconfirmed'),
    provisional: has.has('provisional'),
    differential: has.has('differential'),
    unreadable: has.has('unreadable'),
    isMixed: has.size > 1,
    words: words.map((word, index) => ({
      unconfirmed: word === 'unconfirmed',
      provisional: word === 'provisional',
      differential: word === 'differential',
      isFirst: index === 0,
      isLast: index === words.length - 1,
    })),
    hasWords: words.length > 0,
    isPlural,
  };
}

/** Every status view a card can meet, one status at a time and all at once, for the length check. */
export function everyStatusView(): StatusView[] {
  return [
    statusView([]),
    ...UNCERTAIN_STATUSES.map((status) => statusView([status], true)),
    statusView(UNCERTAIN_STATUSES, true),
  ];
}
