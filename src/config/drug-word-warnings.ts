/**
 * A card template naming a myeloma drug or regimen ('start daratumumab-VRd per protocol'):
 * rules page §6, the service never recommends one. Warned, not refused: a template may name
 * one to say the review recommends none. Each word is matched whole, ignoring case.
 */
import type { Wording } from '../cds/cards/wording.js';
import { DRUG_WORDS } from './drug-words.js';

const escaped = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const DRUG_WORD = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${[...DRUG_WORDS]
    .sort((a, b) => b.length - a.length)
    .map(escaped)
    .join('|')})(?![\\p{L}\\p{N}])`,
  'giu',
);

/** Every string of a wording file, with its key path. */
function* texts(value: unknown, path: string[]): Generator<[string[], string]> {
  if (typeof value === 'string') yield [path, value];
  else if (value !== null && typeof value === 'object')
    for (const [key, inner] of Object.entries(value)) yield* texts(inner, [...path, key]);
}

export function drugWordWarnings(wording: Readonly<Record<string, Wording>>): string[] {
  return Object.entries(wording).flatMap(([locale, file]) =>
    [...texts(file, [])].flatMap(([path, text]) => {
      const words = [...new Set([...text.matchAll(DRUG_WORD)].map((m) => m[0]))];
      return words.map(
        (word) =>
          `wording ${locale}: ${path.join('.')} names "${word}", a myeloma drug or regimen: a card never recommends a drug or regimen (rules page §6)`,
      );
    }),
  );
}
