/**
 * Rules page header: "Every card cites it [Bladé et al. 2022] as its source". The card's
 * source URL is the review's DOI, not configurable (DEFAULTS.sourceUrl); its label comes from
 * the wording file, where 'Hospital Example myeloma team' loaded (probe 8). A label that does
 * not name Bladé is refused; "Blade" without the accent is accepted, as a keyboard types it.
 */
import type { WordingProblem } from '../cds/cards/wording.js';

const NAMES_BLADE = /blad[eé]/iu;

export function sourceLabelProblems(sourceLabel: string): WordingProblem[] {
  return NAMES_BLADE.test(sourceLabel.normalize('NFC'))
    ? []
    : [
        {
          path: ['sourceLabel'],
          message: `does not name Bladé: every card cites Bladé et al., Blood Cancer J 2022 as its source (rules page), and its link is that review's DOI: name it (e.g. 'Bladé et al., Blood Cancer J 2022: …')`,
        },
      ];
}
