/**
 * Mustache templates parsed once per loaded wording (issue #15). Mustache's own cache looks
 * each template up by a key it builds per render (the whole template text plus the tags),
 * so every card, and every partial in it, paid for a fresh string of the template's length
 * and its hash. Here each template is parsed the first time it is rendered and found again
 * by the template string itself, whose hash V8 keeps; one writer per wording object, so a
 * reload's new templates start a new cache and the old one goes with the old settings.
 */
import Mustache from 'mustache';

/** Mustache's token arrays (typed `any` by @types/mustache): only handed back to it. */
type Tokens = unknown;

/** A token as Mustache's parser writes it: type, value, start, end, then section children. */
type Token = [type: string, value: unknown, start: number, end: number, children?: unknown];

/**
 * Mustache builds each text token one character at a time (`value += char`), so a paragraph
 * of wording is a chain of hundreds of one-character pieces, and every render that reads the
 * card's text walked that chain again: about a fifth of a typical call's card time (issue #15).
 * The same text cut from the template itself is one flat piece. Only when it matches:
 * Mustache's own value is kept otherwise.
 */
function withFlatText(tokens: Token[], template: string): Token[] {
  for (const token of tokens) {
    const [type, value, start, end, children] = token;
    if (type === 'text' && typeof value === 'string') {
      const cut = template.slice(start, end);
      if (cut === value) token[1] = cut;
    } else if (Array.isArray(children)) {
      withFlatText(children as Token[], template);
    }
  }
  return tokens;
}

class ParsedOnceWriter extends Mustache.Writer {
  readonly #parsed = new Map<string, Tokens>();

  override parse(template: string, tags?: Mustache.OpeningAndClosingTags): Tokens {
    // Tags are always the defaults here (templates set their own inline, which parse reads).
    let tokens = this.#parsed.get(template);
    if (tokens === undefined) {
      tokens = withFlatText(super.parse(template, tags) as Token[], template);
      this.#parsed.set(template, tokens);
    }
    return tokens;
  }
}

const writers = new WeakMap<object, Mustache.Writer>();

/** The writer rendering `wording`'s templates (and partials). */
export function templateWriter(wording: object): Mustache.Writer {
  let writer = writers.get(wording);
  if (!writer) {
    writer = new ParsedOnceWriter();
    writers.set(wording, writer);
  }
  return writer;
}
