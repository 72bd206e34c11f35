/**
 * What a crash may say of the error that caused it, in the service's fatal log line
 * (./logger.ts, `exitOnCrash`) and on the CLI's stderr (./cli/crash-exit.ts). Its own module
 * so that the CLI, which loads only what its command needs, does not load pino for it.
 */
import { textForLog } from './log-text.js';

/**
 * What a crash's line holds of the error: its type, its message and the stack's frames (code
 * locations), nothing else. Not the error itself: pino's serializer and Node's own crash print
 * show every property, and a client's error carries the request (its Authorization header) and the response (a FHIR
 * resource); nor a thrown non-Error value, which may be such a body. A message can quote
 * input (`withoutQuotedText`), and is cut to the length a request's text gets in a log line
 * (./http/claim-for-log.ts).
 */
export function crashForLog(error: unknown): { type: string; message: string; stack: string } {
  if (!(error instanceof Error))
    return { type: error === null ? 'null' : typeof error, message: 'not an Error', stack: '' };
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  return {
    type: error.name,
    message: textForLog(withoutQuotedText(error.message)),
    stack: frames.map((line) => line.trim()).join('\n'),
  };
}

/**
 * The message without what it quotes in double quotes: Node's JSON.parse quotes the text it
 * refused (`Unexpected token 'x', "x"Smith"" is not valid JSON`), which may be a FHIR body,
 * and that text may hold quotes of its own, so all from the first `"` to the last goes.
 */
function withoutQuotedText(message: string): string {
  const first = message.indexOf('"');
  const last = message.lastIndexOf('"');
  return first < last ? `${message.slice(0, first)}"…"${message.slice(last + 1)}` : message;
}
