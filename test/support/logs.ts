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
