/**
 * The process's logger. On a developer's terminal the lines are pretty-printed (pino-pretty, a
 * dev dependency); under CI, in production, or when stdout is a pipe or a file, they stay one
 * JSON object a line for the log collector. Redaction happens before either output.
 */
import { createRequire } from 'node:module';
import { pino, type Logger } from 'pino';

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
  if (!wantsPrettyLogs(env, stdoutIsTty) || !hasPinoPretty()) return pino({ level: 'info' });
  return pino({
    level: 'info',
    transport: {
      target: 'pino-pretty',
      options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' },
    },
  });
}
