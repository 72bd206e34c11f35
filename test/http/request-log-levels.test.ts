/**
 * The level of each request's log line. Pino's levels: info 30, warn 40, error 50. A server
 * error is an error; a refused request a warning; /readyz's 503 while the node shuts down is
 * the probe's answer (docs/deploying.md: a balancer stops sending on it), not a fault, so a
 * rolling restart writes no error line.
 */
import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { requestLogging } from '../../src/http/request-logging.js';
import { capturingLogger } from '../support/logs.js';

function appAnswering(status: number) {
  const { logger, lines } = capturingLogger('info');
  const app = express();
  app.use(requestLogging(logger));
  app.use((_req, res) => {
    res.status(status).end();
  });
  return { app, lines };
}

async function levelOfLine(status: number, path: string): Promise<number> {
  const { app, lines } = appAnswering(status);
  await request(app).get(path);
  // The line is written when the answer's connection closes.
  await new Promise((resolve) => setTimeout(resolve, 20));
  const [line] = lines;
  return (JSON.parse(line ?? '{}') as { level?: number }).level ?? -1;
}

describe('the level of a request log line', () => {
  it.each([
    ['/readyz while shutting down', 503, '/readyz', 30],
    ['/readyz with a query', 503, '/readyz?verbose=1', 30],
    ['a hook call the node cannot serve', 503, '/cds-services/emd-patient-view', 50],
    ['/readyz failing with a server error', 500, '/readyz', 50],
    ['a refused request', 401, '/cds-services/emd-patient-view', 40],
    ['an answer', 200, '/readyz', 30],
  ])('%s (%i at %s) is logged at level %i', async (_what, status, path, level) => {
    expect(await levelOfLine(status, path)).toBe(level);
  });
});
