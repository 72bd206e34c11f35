/**
 * Card templates rendered from Mustache's own parse, compiled once into closures (issue #15).
 *
 * Mustache parses each template (here once per loaded wording, below); its writer then walks
 * the token arrays on every render, building a Context with a cache object for every section
 * it enters and re-reading each name (`indexOf('.')`, `hasOwnProperty`) on every lookup. That
 * walk was half of a typical call's card time. Here each template's tokens become one function
 * per token, with each name's path split once, so a render only reads the view.
 *
 * The closures do what Mustache's writer does (mustache.js 4.2, `Writer#renderTokens` and
 * `Context#lookup`), token for token; test/cards/template-writer.test.ts holds them to
 * Mustache's own output on generated templates and views. The one thing they leave to
 * Mustache is a function in the view (a lambda) or a partial that is not a string: the card
 * views hold neither, and such a render goes through Mustache's writer whole, as before.
 */
import Mustache from 'mustache';

/** How values are escaped in one render (plain text for a summary, Markdown for a detail). */
export interface RenderConfig {
  escape: (value: unknown) => string;
}

export interface TemplateWriter {
  render(
    template: string,
    view: unknown,
    partials: Readonly<Record<string, string>>,
    config: RenderConfig,
  ): string;
}

/** A token as Mustache's parser writes it: type, value, start, end, then per type. */
type Token = [type: string, value: unknown, start: number, end: number, ...more: unknown[]];

/** One level of the context stack: the view a section entered, and the level it entered from. */
interface Frame {
  view: unknown;
  parent: Frame | undefined;
}

interface RenderState {
  config: RenderConfig;
  partials: Readonly<Record<string, string>>;
}

/** Renders one list of tokens against the stack. */
type Compiled = (frame: Frame, state: RenderState) => string;

/** Thrown where only Mustache's writer can go on (a lambda, a partial that is not text). */
class NeedsMustache extends Error {}
/** One instance: a rare path, and no stack worth capturing each time. */
const NEEDS_MUSTACHE = new NeedsMustache('left to Mustache');

/**
 * Mustache builds each text token one character at a time (`value += char`), a chain of
 * hundreds of one-character pieces that every render walked again. The same text cut from
 * the template itself is one flat piece. Only when it matches: Mustache's own value is kept
 * otherwise.
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

/** Mustache's writer, parsing each template once; renders what the closures leave to it. */
class ParsedOnceWriter extends Mustache.Writer {
  readonly #parsed = new Map<string, Token[]>();

  override parse(template: string, tags?: Mustache.OpeningAndClosingTags): Token[] {
    // Tags are always the defaults here (templates set their own inline, which parse reads).
    let tokens = this.#parsed.get(template);
    if (tokens === undefined) {
      tokens = withFlatText(super.parse(template, tags) as Token[], template);
      this.#parsed.set(template, tokens);
    }
    return tokens;
  }
}

/** `hasProperty` in mustache.js: an object (not a primitive) with the name, own or inherited. */
function hasProperty(value: unknown, name: string): boolean {
  return value != null && typeof value === 'object' && name in value;
}

/** `primitiveHasOwnProperty` in mustache.js: a string's `length`, say. */
function primitiveHasOwn(value: unknown, name: string): boolean {
  return value != null && typeof value !== 'object' && Object.hasOwn(Object(value) as object, name);
}

/** Reads `name` from the stack as `Context#lookup` does, its dotted path split once. */
function lookupOf(name: string): (frame: Frame) => unknown {
  // `{{.}}` is the current view, found at once (Mustache's cache starts with it).
  if (name === '.') return (frame) => called(frame.view);
  if (name.indexOf('.') > 0) {
    const path = name.split('.');
    const last = path.length - 1;
    return (start) => {
      for (let frame: Frame | undefined = start; frame; frame = frame.parent) {
        let value = frame.view;
        let hit = false;
        for (let i = 0; value != null && i <= last; i++) {
          const part = path[i] as string;
          if (i === last) hit = hasProperty(value, part) || primitiveHasOwn(value, part);
          value = (value as Record<string, unknown>)[part];
        }
        if (hit) return called(value);
      }
      return undefined;
    };
  }
  return (start) => {
    for (let frame: Frame | undefined = start; frame; frame = frame.parent) {
      // As Mustache: a null view throws here; a primitive's own names are never a hit.
      const value = (frame.view as Record<string, unknown>)[name];
      if (hasProperty(frame.view, name)) return called(value);
    }
    return undefined;
  };
}

/** Mustache calls a function it finds (a lambda): left to Mustache's writer. */
function called(value: unknown): unknown {
  if (typeof value === 'function') throw NEEDS_MUSTACHE;
  return value;
}

export class CompiledTemplateWriter implements TemplateWriter {
  readonly #mustache = new ParsedOnceWriter();
  readonly #compiled = new Map<string, Compiled>();

  render(
    template: string,
    view: unknown,
    partials: Readonly<Record<string, string>>,
    config: RenderConfig,
  ): string {
    try {
      return this.#compile(template)({ view, parent: undefined }, { config, partials });
    } catch (error) {
      if (error !== NEEDS_MUSTACHE) throw error;
      return this.#mustache.render(template, view, partials, config);
    }
  }

  #compile(template: string): Compiled {
    let compiled = this.#compiled.get(template);
    if (compiled === undefined) {
      compiled = this.#tokens(this.#mustache.parse(template));
      this.#compiled.set(template, compiled);
    }
    return compiled;
  }

  /** `Writer#renderTokens`: each token's output in order, skipping what renders nothing. */
  #tokens(tokens: readonly Token[]): Compiled {
    const parts = tokens.flatMap((token) => this.#token(token));
    if (parts.length === 1 && typeof parts[0] === 'function') return parts[0];
    return (frame, state) => {
      let out = '';
      for (const part of parts) out += typeof part === 'string' ? part : part(frame, state);
      return out;
    };
  }

  #token(token: Token): (string | Compiled)[] {
    const [type, value] = token;
    const name = String(value);
    switch (type) {
      case 'text':
        return [name];
      case 'name': {
        const lookup = lookupOf(name);
        return [
          (frame, state) => {
            const found = lookup(frame);
            return found == null ? '' : stringOf(state.config.escape(found));
          },
        ];
      }
      case '&': {
        const lookup = lookupOf(name);
        return [(frame) => stringOf(lookup(frame) ?? '')];
      }
      case '#':
        return [this.#section(lookupOf(name), this.#tokens(token[4] as Token[]))];
      case '^':
        return [this.#inverted(lookupOf(name), this.#tokens(token[4] as Token[]))];
      case '>':
        return [this.#partial(name, token)];
      default:
        // Comments ('!') and set delimiters ('='): nothing to render.
        return [];
    }
  }

  /** `Writer#renderSection`: a list repeats, a value is entered, `true` shows the block. */
  #section(lookup: (frame: Frame) => unknown, body: Compiled): Compiled {
    return (frame, state) => {
      const value = lookup(frame);
      if (!value) return '';
      if (Array.isArray(value)) {
        let out = '';
        for (const item of value as unknown[]) out += body({ view: item, parent: frame }, state);
        return out;
      }
      if (typeof value === 'object' || typeof value === 'string' || typeof value === 'number')
        return body({ view: value, parent: frame }, state);
      return body(frame, state);
    };
  }

  /** `Writer#renderInverted`: shown for a falsy value or an empty list. */
  #inverted(lookup: (frame: Frame) => unknown, body: Compiled): Compiled {
    return (frame, state) => {
      const value = lookup(frame);
      return !value || (Array.isArray(value) && value.length === 0) ? body(frame, state) : '';
    };
  }

  /** `Writer#renderPartial`: the named partial, indented as its standalone tag was. */
  #partial(name: string, token: Token): Compiled {
    const [, , , , indentation, tagIndex, lineHasNonSpace] = token;
    return (frame, state) => {
      const partial: unknown = state.partials[name];
      if (partial == null) return '';
      if (typeof partial !== 'string') throw NEEDS_MUSTACHE;
      const text =
        tagIndex === 0 && typeof indentation === 'string' && indentation !== ''
          ? this.#mustache.indentPartial(partial, indentation, lineHasNonSpace === true)
          : partial;
      return this.#compile(text)(frame, state);
    };
  }
}

/** What `buffer += value` makes of a value, as Mustache appends it. */
function stringOf(value: unknown): string {
  if (typeof value === 'string') return value;
  // `+=`, not a template literal or String(): an object is turned into text as Mustache's is.
  let text = '';
  text += value as string;
  return text;
}

const writers = new WeakMap<object, TemplateWriter>();

/** The writer rendering `wording`'s templates (and partials); a reload's wording gets its own. */
export function templateWriter(wording: object): TemplateWriter {
  let writer = writers.get(wording);
  if (!writer) {
    writer = new CompiledTemplateWriter();
    writers.set(wording, writer);
  }
  return writer;
}
