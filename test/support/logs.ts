/** A logger whose output a test can read back, line by line, as the service would write it. */
import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';

export function capturingLogger(level = 'info'): {
  logger: Logger;
  lines: string[];
  log: () => string;
} {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { logger: pino({ level }, sink), lines, log: () => lines.join('') };
}

/**
 * The JSON log lines a service process has written to `output` so far: whole lines only (a
 * chunk of a pipe may end inside one, so the text after the last newline waits), and only
 * those that are JSON objects (pino's lines, not a build tool's or a crash's text).
 */
export function jsonLogLines<T>(output: string): T[] {
  return output
    .split('\n')
    .slice(0, -1)
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as T);
}
