/**
 * Log format (issue #18, "Developer habits"): human-readable on a developer's terminal, one
 * JSON object a line everywhere else (CI, production, a pipe or a file).
 */
import { describe, expect, it } from 'vitest';
import { wantsPrettyLogs } from '../src/logger.js';

describe('the log format', () => {
  it.each([
    ['a terminal in development', {}, true, true],
    ['a terminal with NODE_ENV=development', { NODE_ENV: 'development' }, true, true],
    ['a pipe or a file', {}, false, false],
    ['a terminal under CI', { CI: 'true' }, true, false],
    ['a terminal in production', { NODE_ENV: 'production' }, true, false],
    ['a pipe in production', { NODE_ENV: 'production' }, false, false],
  ])('on %s: pretty %s', (_where, env: NodeJS.ProcessEnv, isTty, expected) => {
    expect(wantsPrettyLogs(env, isTty)).toBe(expected);
  });
});
