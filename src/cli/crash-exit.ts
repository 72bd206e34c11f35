/**
 * A crash of a command (an uncaught exception, or a rejection nothing handles, outside the
 * promise src/cli/main.ts waits on) ends `emd-cds` with status 1 and says what happened in
 * one line on stderr, the stack's frames under it. Node's own handler printed the error
 * through util.inspect, every property: a fhir-kit-client error carries the request (its
 * Authorization header) and the response's body (a patient's resources). The line holds what
 * the service's fatal line holds (../crash-for-log.ts), nothing else.
 */
import { crashForLog } from '../crash-for-log.js';

export function exitOnCliCrash(): void {
  let crashed = false;
  const onCrash = (origin: string) => (error: unknown) => {
    // A second crash while the line is written would print a second line and exit again.
    if (crashed) return;
    crashed = true;
    process.exitCode = 1;
    const { type, message, stack } = crashForLog(error);
    const frames = stack === '' ? [] : stack.split('\n').map((frame) => `    ${frame}`);
    const text = [`emd-cds: ${origin}, the command ends: ${type}: ${message}`, ...frames];
    // Exit once the text is written: stderr is asynchronous on some platforms' pipes.
    process.stderr.write(`${text.join('\n')}\n`, () => process.exit(1));
  };
  process.on('uncaughtException', onCrash('uncaught exception'));
  process.on('unhandledRejection', onCrash('unhandled rejection'));
}
