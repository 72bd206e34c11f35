/**
 * The text of a file a site writes by hand (the config file, a wording file, a value set, the
 * issuers file), which must be UTF-8. Editors on Windows save "Unicode" as UTF-16 and Chinese
 * text as GBK; read as UTF-8 either becomes replacement characters, which YAML takes for a
 * string and a wording file shows on cards as garbage. So a file that is not UTF-8 is refused,
 * saying how it was saved and what to do; a UTF-8 byte order mark, which Notepad adds, is
 * dropped (RFC 8259 §8.1 lets a JSON reader ignore it; YAML 1.2 allows it). Here, at the
 * bottom of the layers, because config/ and auth/ both read such files.
 */
import { problemLine } from './issue-lines.js';

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const LENIENT = new TextDecoder('utf-8', { fatal: false });

const SAVE_AS_UTF8 = 'save it as UTF-8 (in most editors: "Save with encoding", "UTF-8")';

/** The file's text, or the problem (`file:line:col message`) that keeps it from being read. */
export function decodeSiteText(
  file: string,
  bytes: Uint8Array,
): { text: string } | { problem: string } {
  const utf16 = utf16Order(bytes);
  if (utf16)
    return { problem: problemLine(file, undefined, `is saved as ${utf16}: ${SAVE_AS_UTF8}`) };
  try {
    // The decoder drops a leading byte order mark (ignoreBOM: false).
    return { text: UTF8.decode(bytes) };
  } catch {
    const text = LENIENT.decode(bytes);
    const before = text.slice(0, Math.max(0, text.indexOf('\uFFFD'))).split('\n');
    const where = { line: before.length, col: (before.at(-1)?.length ?? 0) + 1 };
    return {
      problem: problemLine(
        file,
        where,
        `is not UTF-8 (saved as GBK, GB 2312, Latin-1 or another encoding?): ${SAVE_AS_UTF8}`,
      ),
    };
  }
}

/** UTF-16 by its byte order mark, or, without one, by the zero bytes of ASCII text in it. */
function utf16Order(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return 'UTF-16 (little-endian, with a byte order mark)';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'UTF-16 (big-endian, with a byte order mark)';
  // No text a site writes holds a NUL character; UTF-16 holds one in every ASCII character.
  if (bytes.includes(0)) return 'UTF-16, or is not a text file (it holds zero bytes)';
  return undefined;
}
