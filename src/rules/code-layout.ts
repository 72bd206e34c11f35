/**
 * A code as exports lay it out around the characters of the code itself (H149): blanks inside
 * it (`C90. 20`, `9734 /3`, `24590 -2`, a fixed-width column's padding), its display glued on
 * after a blank (`C90.20 Extramedullary plasmacytoma …`, `C90.20 - Extramedullary …`, as a
 * report writer joins the two columns), or the dot typed as a Chinese full stop (`C90。20`, a
 * Chinese input method's punctuation mode). A reader sees the code in each; the rules must
 * too (a SNOMED CT id padded with zeros, `01231004`, is read in ./code-spelling.ts, as SNOMED
 * CT's alone). So too the dot written as
 * a middle dot between digits (`C90·20`, the raised decimal point of British typography, which
 * a Chinese input method also types) or as a comma in the place ICD-10 writes its dot
 * (`C90,20`, as European decimals are written): no code of the systems the service reads holds
 * either character there, so each has one meaning.
 * Read only after H97's spelling (./code-spelling.ts) and only where the code as sent matched
 * nothing, so a clean code is never read here.
 */

/** What the layout reading gives: the code, and what was taken away, for the trace. */
export interface LayoutReading {
  read: string;
  how: string;
}

/** The Chinese full stop (U+3002), which NFKC gives for the half-width one (U+FF61) too. */
const CHINESE_FULL_STOP = '\u3002';

/**
 * A code, then its words: the first run of non-blanks holds a digit (every code of ICD-10-CM,
 * ICD-O-3, SNOMED CT and LOINC does, so DICOM's `PT CT` is not read so), then blanks, maybe a
 * dash between blanks, then a word starting with a letter. A SNOMED CT expression's `|term|`
 * or `:` refinement starts with no letter and is left to ./snomed-expression.ts.
 */
const GLUED_DISPLAY = /^(\S+)\s+(?:[-\u2013\u2014]\s+)?(\p{L}\p{L}.*)$/su;

/** Characters a code of those systems is written with; anything else is not read here. */
const CODE_PARTS = /^[0-9A-Za-z./-]+(?:\s+[0-9A-Za-z./-]+)+$/;
/**
 * A blank inside one code stands between two digits or beside a dot, slash or hyphen
 * (`C90 20`, `C90. 20`, `9734 /3`); one beside a letter separates words or codes (`PT CT`,
 * `C90.20 C90.22`), and the code is not read here.
 */
const APART = /[A-Za-z]\s|\s[A-Za-z]/;

/**
 * A middle dot (U+00B7; NFKC gives it for the Greek ano teleia) between two digits. Between
 * letters it is the interpunct of words (Catalan `l·l`), not a dot, and stays unread.
 */
const MIDDLE_DOT = /(?<=\d)\u00B7(?=\d)/gu;

/**
 * A code of ICD-10's shape, a letter and two digits, with a comma where the dot goes and a
 * digit after it (`C90,20`, ICD-O-3's topography `C44,5`): European decimal writing. Only that
 * place and only between digits: a comma elsewhere may join two codes (`C90.00,C90.20`), and
 * is not read.
 */
const DECIMAL_COMMA = /^([A-Za-z]\d\d),(\d[0-9A-Za-z]{0,3})$/;

/** How `code` (already NFKC-normalised, format characters gone, trimmed) reads, if otherwise. */
export function readLayout(code: string): LayoutReading | undefined {
  const how: string[] = [];
  let read = code;
  if (read.includes(CHINESE_FULL_STOP)) {
    read = read.replaceAll(CHINESE_FULL_STOP, '.');
    how.push('a Chinese full stop read as its dot');
  }
  const dotted = read.replace(MIDDLE_DOT, '.');
  if (dotted !== read) {
    read = dotted;
    how.push('a middle dot read as its dot');
  }
  const glued = GLUED_DISPLAY.exec(read);
  if (glued?.[1] !== undefined && glued[2] !== undefined && /\d/.test(glued[1])) {
    read = glued[1];
    how.push(
      `the words after it ("${shortened(glued[2])}") left out: they belong in Coding.display`,
    );
  } else if (CODE_PARTS.test(read) && !APART.test(read)) {
    read = read.replace(/\s+/g, '');
    how.push('blanks inside it removed');
  }
  const comma = DECIMAL_COMMA.exec(read);
  if (comma?.[1] !== undefined && comma[2] !== undefined) {
    read = `${comma[1]}.${comma[2]}`;
    how.push(
      'a comma read as its dot, as European decimals are written (no code of this shape holds one)',
    );
  }
  return how.length === 0 ? undefined : { read, how: how.join('; ') };
}

/** Words kept short in the trace: a display glued on may run to a sentence. */
const WORDS_SHOWN = 60;
const shortened = (words: string): string =>
  words.length <= WORDS_SHOWN ? words : `${words.slice(0, WORDS_SHOWN)}…`;
