/**
 * The process's logger. On a developer's terminal the lines are pretty-printed (pino-pretty, a
 * dev dependency); under CI, in production, or when stdout is a pipe or a file, they stay one
 * JSON object a line for the log collector. Redaction happens before either output.
 */
import type { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import { pino, symbols, type DestinationStream, type Logger } from 'pino';
import { crashForLog } from './crash-for-log.js';

/** Pretty logs only on a terminal, never under CI or in production (issue #18). */
export function wantsPrettyLogs(env: NodeJS.ProcessEnv, stdoutIsTty: boolean): boolean {
  return stdoutIsTty && !env.CI && env.NODE_ENV !== 'production';
}

/** Whether pino-pretty is installed: a production install omits dev dependencies. */
function hasPinoPretty(): boolean {
  try {
    createRequire(import.meta.url).resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}

export function createLogger(env: NodeJS.ProcessEnv, stdoutIsTty: boolean): Logger {
  if (!wantsPrettyLogs(env, stdoutIsTty) || !hasPinoPretty())
    return pino({ level: 'info' }, stdoutLines());
  return pino({
    level: 'info',
    transport: {
      target: 'pino-pretty',
      options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' },
    },
  });
}

/**
 * stdout as pino writes it by default (sonic-boom on fd 1, asynchronous), but never flushed
 * synchronously. pino flushes synchronously after every fatal line and at exit, and
 * sonic-boom's flushSync retries a failed write every 100 ms until it succeeds (only EAGAIN
 * can be refused): on a pipe whose reader has gone (`npm start | head -1`, a log collector
 * that died) the write fails with EPIPE for ever, so the process hung in its fatal line and
 * never exited. The lines go out asynchronously instead, and an exit waits for them
 * (`exitAfterLogs`); a failed write ends logging (pino's EPIPE handler), not the process.
 */
function stdoutLines(): DestinationStream {
  const stream = pino.destination({ dest: 1, sync: false });
  stream.flushSync = () => undefined;
  return stream;
}

/** Longest an exit waits for its last log lines; they are normally written within milliseconds. */
export const EXIT_LOG_WAIT_MS = 2_000;

/**
 * Ends the process with `code` once the lines logged so far are written, or cannot be: at
 * once when nothing is left to write, else when the stream drains or fails, or `waitMs`
 * (EXIT_LOG_WAIT_MS; a test may wait longer) passes. Waiting for 'drain' alone made every
 * exit with a listener or handle still open (a shutdown, the cluster's primary) take the full
 * wait: no 'drain' comes from a stream with nothing to write. The exit code is set first, so a
 * process with nothing left open ends sooner by itself.
 */
export function exitAfterLogs(logger: Logger, code: number, waitMs = EXIT_LOG_WAIT_MS): void {
  process.exitCode = code;
  const exit = () => process.exit(code);
  const stream = logStream(logger);
  if (hasNothingToWrite(stream)) {
    exit();
    return;
  }
  // The 'error' listener also keeps a failing stream's error from being unhandled (a crash).
  stream?.once?.('drain', exit);
  stream?.once?.('error', exit);
  setTimeout(exit, waitMs).unref();
}

/** The destination stream as sonic-boom 4.2.1 (stdoutLines) has it; other streams lack `_writing`. */
type LogStream = Partial<EventEmitter> & { _writing?: unknown };

/** The logger's destination, kept by pino under `symbols.streamSym`, which pino exports. */
function logStream(logger: Logger): LogStream | undefined {
  return (logger as unknown as Record<symbol, LogStream | undefined>)[symbols.streamSym];
}

/**
 * Whether the stream has written all it was given (or failed, after which it writes nothing
 * more). sonic-boom has no public way to say so: `flush(cb)` calls back at once when
 * minLength is 0 (ours), even with a write in flight. Its `_writing` is set when it hands a
 * chunk to fs.write and cleared only when its buffer (`_bufs`, `_len` bytes) is empty, as it
 * emits 'drain', or when a write fails; with minLength 0 a line written while it is idle is
 * handed on at once. So an idle stream has nothing pending, even with `_len` > 0 after a
 * failed write (EPIPE), which waiting would not write either. Any other stream (pino-pretty's
 * worker) is waited for as before.
 */
function hasNothingToWrite(stream: LogStream | undefined): boolean {
  return stream?._writing === false;
}

/** Crashes that get a log line; more in the seconds before the exit are not logged (a loop). */
const MAX_CRASH_LINES = 3;

/**
 * An uncaught exception or unhandled rejection is logged at fatal, then ends the process with
 * status 1 once its lines are out. pino's docs ("Asynchronous logging") ask for this with an
 * asynchronous destination: Node's own handler printed the stack to stderr and exited at once,
 * losing the lines still being written, the last ones before the crash. A second crash while
 * the exit waits gets its line but no second exit; a throw in here ends Node at once (status 7).
 */
export function exitOnCrash(logger: Logger): void {
  let crashes = 0;
  const onCrash = (origin: string) => (error: unknown) => {
    crashes += 1;
    if (crashes > MAX_CRASH_LINES) return;
    const err = crashForLog(error);
    logger.fatal({ origin, err }, `${origin}, the process ends: ${err.type}: ${err.message}`);
    if (crashes === 1) exitAfterLogs(logger, 1);
  };
  process.on('uncaughtException', onCrash('uncaught exception'));
  process.on('unhandledRejection', onCrash('unhandled rejection'));
}
