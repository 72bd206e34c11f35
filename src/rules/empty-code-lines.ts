/**
 * Conditions with nothing in their code for the rules to read (H143): no code at all, or a
 * code holding no coding with a code, no display and no text, only extensions (a hospital's
 * "Plasmacytoma, brain" in an extension of its own, probe 14 f1). Such a Condition is neither
 * a finding nor the myeloma diagnosis (rules page §2, §3), and no text-only pattern can match
 * it, so it raised no card and the explain trace said nothing: §6 asks that no finding be
 * dropped silently. The trace names each, for the informatics team to fix the feed. No card
 * changes: there is nothing to classify, and a card from an unread extension would guess.
 */
import { originalTextOf } from './original-text.js';
import { hasCode } from './text-only.js';
import type { TraceLine } from './trace-line.js';

/** What a Condition's code lacks: the code itself, or anything in it to read. */
export type EmptyCode = 'no code' | 'nothing in its code';

/** Whether a Condition's code holds nothing the rules read: its kind, else undefined. */
export function emptyCodeOf(code: fhir4.CodeableConcept | undefined): EmptyCode | undefined {
  if (code === undefined) return 'no code';
  if (hasWords(code.text) || originalTextOf(code) !== undefined) return undefined;
  const codings = code.coding ?? [];
  for (const coding of codings) if (hasCode(coding) || hasWords(coding.display)) return undefined;
  return 'nothing in its code';
}

const hasWords = (text: string | undefined): boolean =>
  typeof text === 'string' && text.trim() !== '';

/** Named one by one up to this many; the rest counted in one line, to keep the trace short. */
const NAMED_AT_MOST = 10;

const NOT_READ =
  'not read as a finding or as the myeloma diagnosis (rules page §2, §3), and no text-only pattern can match it; if it records a plasmacytoma, the feed should send its code (or at least its words, as code.text)';

/** The explain trace lines for such Conditions, in record order. */
export function emptyCodeLines(
  conditions: readonly { reference: string; empty: EmptyCode }[],
): TraceLine[] {
  const lines: TraceLine[] = conditions.slice(0, NAMED_AT_MOST).map(({ reference, empty }) => ({
    reference,
    message:
      empty === 'no code'
        ? `it has no code: ${NOT_READ}`
        : `its code holds no coding and no text, only extensions, which the rules do not read: ${NOT_READ}`,
  }));
  const more = conditions.length - NAMED_AT_MOST;
  if (more > 0)
    lines.push({
      message: `${String(more)} more Conditions have no code, or nothing in it but extensions: not read (rules page §2, §3)`,
    });
  return lines;
}
