/**
 * Where a text stops being JSON (RFC 8259), for a syntax error V8 gives without an offset: on
 * Node 20, "Unexpected token ']', "…" is not valid JSON" (a trailing comma in an array, a
 * misspelt literal) says which character and quotes the text, but not where. One pass, no
 * recursion (a deeply nested file cannot overflow the stack), linear in the text; the offset
 * is of the first character no JSON text could have there, which is the one V8 names.
 */

/** What may come next: a value, the first of an array, a key, the first of an object, … */
type Expect = 'value' | 'first-value' | 'key' | 'first-key' | 'colon' | 'next';

/** The offset of the first character that is not JSON there, or undefined for valid JSON. */
export function jsonSyntaxOffset(text: string): number | undefined {
  // The closing character of each array or object open at this point, innermost last.
  const open: string[] = [];
  let at = afterBlanks(text, 0);
  let expect: Expect = 'value';
  for (;;) {
    const char = text[at];
    if (char === undefined) return expect === 'next' && open.length === 0 ? undefined : at;
    if ((expect === 'first-value' && char === ']') || (expect === 'first-key' && char === '}')) {
      open.pop();
      at = afterBlanks(text, at + 1);
      expect = 'next';
      continue;
    }
    switch (expect) {
      case 'value':
      case 'first-value': {
        if (char === '{' || char === '[') {
          open.push(char === '{' ? '}' : ']');
          at = afterBlanks(text, at + 1);
          expect = char === '{' ? 'first-key' : 'first-value';
          continue;
        }
        const end = scalarEnd(text, at);
        if (end < 0) return -end - 1;
        at = afterBlanks(text, end);
        expect = 'next';
        continue;
      }
      case 'key':
      case 'first-key': {
        if (char !== '"') return at;
        const end = stringEnd(text, at);
        if (end < 0) return -end - 1;
        at = afterBlanks(text, end);
        expect = 'colon';
        continue;
      }
      case 'colon':
        if (char !== ':') return at;
        at = afterBlanks(text, at + 1);
        expect = 'value';
        continue;
      case 'next': {
        const close = open.at(-1);
        if (char === close) {
          open.pop();
          at = afterBlanks(text, at + 1);
          continue;
        }
        if (close === undefined || char !== ',') return at;
        at = afterBlanks(text, at + 1);
        expect = close === '}' ? 'key' : 'value';
        continue;
      }
    }
  }
}

/** JSON's four blanks (RFC 8259 §2: space, tab, line feed, carriage return). */
function afterBlanks(text: string, from: number): number {
  let at = from;
  while (text[at] === ' ' || text[at] === '\t' || text[at] === '\n' || text[at] === '\r') at += 1;
  return at;
}

/*
 * The scanners below return the offset just past what they read, or -(offset + 1) of the
 * character where it stops being JSON: a number either way, with nothing to allocate.
 */

const LITERALS: Readonly<Record<string, string>> = { t: 'true', f: 'false', n: 'null' };

function scalarEnd(text: string, from: number): number {
  const char = text[from] ?? '';
  if (char === '"') return stringEnd(text, from);
  if (char === '-' || isDigit(text, from)) return numberEnd(text, from);
  const literal = LITERALS[char];
  if (literal === undefined) return -from - 1;
  for (let index = 1; index < literal.length; index += 1)
    if (text[from + index] !== literal[index]) return -(from + index) - 1;
  return from + literal.length;
}

/** RFC 8259 §7: no control character, and only the escapes it lists. */
function stringEnd(text: string, from: number): number {
  let at = from + 1;
  for (;;) {
    const code = text.charCodeAt(at);
    if (Number.isNaN(code) || code < 0x20) return -at - 1;
    if (code === 0x22) return at + 1;
    if (code !== 0x5c) {
      at += 1;
      continue;
    }
    const escape = text[at + 1] ?? '';
    if (escape === 'u') {
      for (let index = 2; index < 6; index += 1)
        if (!/^[0-9a-fA-F]$/.test(text[at + index] ?? '')) return -(at + index) - 1;
      at += 6;
    } else if ('"\\/bfnrt'.includes(escape) && escape !== '') at += 2;
    else return -(at + 1) - 1;
  }
}

/** RFC 8259 §6: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`. */
function numberEnd(text: string, from: number): number {
  let at = from;
  if (text[at] === '-') at += 1;
  if (text[at] === '0') at += 1;
  else if (isDigit(text, at)) at = digitsEnd(text, at);
  else return -at - 1;
  if (text[at] === '.') {
    if (!isDigit(text, at + 1)) return -(at + 1) - 1;
    at = digitsEnd(text, at + 1);
  }
  if (text[at] === 'e' || text[at] === 'E') {
    at += 1;
    if (text[at] === '+' || text[at] === '-') at += 1;
    if (!isDigit(text, at)) return -at - 1;
    at = digitsEnd(text, at);
  }
  return at;
}

function isDigit(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  return code >= 0x30 && code <= 0x39;
}

function digitsEnd(text: string, from: number): number {
  let at = from;
  while (isDigit(text, at)) at += 1;
  return at;
}
