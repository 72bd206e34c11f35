/**
 * A SNOMED CT code written as a post-coordinated expression (SNOMED CT Compositional Grammar:
 * `1231004 |Meninges structure| : 272741003 |Laterality| = 7771000 |Left|`) read by its focus
 * concept, the concept it refines (H128). A refinement narrows its focus (a laterality, a
 * morphology) and never moves it out of its class, so a meningeal site with a laterality is
 * still a site in meninges (rules page §3.3.1); as sent, the expression matched no value set
 * and a leptomeningeal plasmacytoma raised only `emd-unclassified`. The grammar's parts read:
 * a leading definition status (`===`, `<<<`), blanks, `|term|`s (any text but a pipe, `:`
 * and `+` included), refinements after `:` (braces, nested expressions, concrete values).
 *
 * Not read (the trace says why): an expression with two focus concepts joined by `+`, whose
 * class no one of them gives; and one whose refinement names a SNOMED CT context attribute
 * (finding, procedure or temporal context, subject relationship), which says whether, when or
 * whom the finding is about (`Known absent`, `Family history`) rather than narrowing it, so
 * reading its focus could raise a card for a lesion the record says is absent. Anything that
 * does not start as the grammar does (`C90.20`, text) is no expression and stays as sent.
 */
import { boundedMemo } from './bounded-memo.js';
import type { TraceLine } from './trace-line.js';

export const SNOMED_CT = 'http://snomed.info/sct';

/** What a SNOMED CT code that is not a bare concept id reads as. */
export type ExpressionReading =
  /**
   * Read by its one focus concept. `refinement`: what followed `:`, its terms and blanks
   * dropped (`272741003=7771000`), which keeps a left and a right lesion two sites; undefined
   * when nothing refines the focus.
   */
  | { kind: 'focus'; sent: string; focus: string; refinement: string | undefined }
  /** Two focus concepts or more (`+`): read as none of them. */
  | { kind: 'several'; sent: string; foci: readonly string[] }
  /** Its refinement names a context attribute: read as nothing. */
  | { kind: 'context'; sent: string; focus: string; attribute: string };

/**
 * SNOMED CT's context attributes (concept model, situations with explicit context): finding
 * context, procedure context, temporal context, subject relationship context.
 */
const CONTEXT_ATTRIBUTES: ReadonlyMap<string, string> = new Map([
  ['408729009', 'finding context'],
  ['408730004', 'procedure context'],
  ['408731000', 'temporal context'],
  ['408732007', 'subject relationship context'],
]);

/** Blanks of the grammar's `ws` (SP, HTAB, CR, LF); comments are not read. */
const BLANK = /[ \t\r\n]/;
const DIGIT = /[0-9]/;
/** An sctId: 6 to 18 digits, the first not 0 (SNOMED CT identifiers). */
const SCTID = /^[1-9][0-9]{5,17}$/;
/** Only a code holding one of these can be an expression and not a bare concept id. */
export const MAY_BE_EXPRESSION = /[^0-9]/;

/** Bounded, since codes are request data: a client may send any number of them. */
const READINGS_KEPT = 1_024;

/**
 * How a SNOMED CT code (trimmed, as the rules read its spelling) reads as an expression;
 * undefined for a bare concept id or anything that is not an expression. Each worked out once.
 */
export const expressionOf: (code: string) => ExpressionReading | undefined = boundedMemo(
  READINGS_KEPT,
  (code) => read(code),
);

/** A cursor over the code; linear in its length, with no backtracking pattern. */
class Scanner {
  at = 0;
  constructor(readonly text: string) {}
  get done(): boolean {
    return this.at >= this.text.length;
  }
  peek(): string {
    return this.text.charAt(this.at);
  }
  blanks(): void {
    while (!this.done && BLANK.test(this.peek())) this.at += 1;
  }
  digits(): string {
    const start = this.at;
    while (!this.done && DIGIT.test(this.peek())) this.at += 1;
    return this.text.slice(start, this.at);
  }
  /** Past the closing `end`; false when the text ends first. */
  skipPast(end: string): boolean {
    const found = this.text.indexOf(end, this.at);
    if (found < 0) return false;
    this.at = found + 1;
    return true;
  }
}

function read(sent: string): ExpressionReading | undefined {
  const text = sent.trim();
  if (!MAY_BE_EXPRESSION.test(text)) return undefined;
  const scan = new Scanner(text);
  if (text.startsWith('===') || text.startsWith('<<<')) scan.at = 3;
  const foci: string[] = [];
  for (;;) {
    scan.blanks();
    const id = scan.digits();
    if (!SCTID.test(id)) return undefined;
    foci.push(id);
    scan.blanks();
    if (scan.peek() === '|') {
      scan.at += 1;
      if (!scan.skipPast('|')) return undefined;
      scan.blanks();
    }
    if (scan.peek() !== '+') break;
    scan.at += 1;
  }
  const [focus] = foci;
  if (focus === undefined) return undefined;
  // `1231004 |Meninges structure|` and `=== 1231004` are a focus alone, unrefined.
  if (scan.done)
    return foci.length > 1
      ? { kind: 'several', sent, foci }
      : { kind: 'focus', sent, focus, refinement: undefined };
  if (scan.peek() !== ':') return undefined;
  scan.at += 1;
  if (foci.length > 1) return { kind: 'several', sent, foci };
  const { attribute, refinement } = refinementOf(scan);
  return attribute === undefined
    ? { kind: 'focus', sent, focus, refinement }
    : { kind: 'context', sent, focus, attribute };
}

/**
 * The refinement without its terms and blanks, and the first context attribute it names
 * outside its terms and strings. A term or string left open is dropped to the end.
 */
function refinementOf(scan: Scanner): { attribute: string | undefined; refinement: string } {
  let refinement = '';
  while (!scan.done) {
    const character = scan.peek();
    if (character === '|') {
      scan.at += 1;
      if (!scan.skipPast('|')) scan.at = scan.text.length;
    } else if (character === '"') {
      const start = scan.at;
      scan.at += 1;
      if (!scan.skipPast('"')) scan.at = scan.text.length;
      refinement += scan.text.slice(start, scan.at);
    } else if (DIGIT.test(character)) {
      const id = scan.digits();
      if (CONTEXT_ATTRIBUTES.has(id)) return { attribute: id, refinement };
      refinement += id;
    } else {
      if (!BLANK.test(character)) refinement += character;
      scan.at += 1;
    }
  }
  return { attribute: undefined, refinement };
}

/** The trace line of a reading that made a code match, or that left one unread. */
export function expressionLine(reading: ExpressionReading): TraceLine {
  const sent = reading.sent.trim();
  switch (reading.kind) {
    case 'focus':
      return {
        message:
          reading.refinement !== undefined
            ? `SNOMED CT expression "${sent}" read by its focus concept ${reading.focus}: a refinement narrows it (a laterality, say) and does not change its class`
            : `SNOMED CT expression "${sent}" read by its focus concept ${reading.focus}`,
      };
    case 'several':
      return {
        message: `SNOMED CT expression "${sent}" has ${String(reading.foci.length)} focus concepts (${reading.foci.join(' + ')}): not read, as no one of them alone is what was recorded; the feed should send a single concept`,
      };
    case 'context':
      return {
        message: `SNOMED CT expression "${sent}" refines its focus concept ${reading.focus} with ${CONTEXT_ATTRIBUTES.get(reading.attribute) ?? 'a context'} (${reading.attribute}): not read, as it may say the finding is absent or not the patient's; the feed should send the concept and its status`,
      };
  }
}
