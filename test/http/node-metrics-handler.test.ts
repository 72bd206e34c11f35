/**
 * A cluster worker's GET /metrics (src/http/node-metrics-handler.ts): the node's sum in
 * Prometheus's text format, or 503 and one log line when it cannot be had.
 */
import express from 'express';
import { pino } from 'pino';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { nodeMetricsHandler } from '../../src/http/node-metrics-handler.js';

function appWith(nodeMetrics: () => Promise<string>) {
  type Line = { level: number; msg: string; problem?: string };
  const lines: Line[] = [];
  const logger = pino(
    { level: 'info' },
    { write: (line: string) => lines.push(JSON.parse(line) as Line) },
  );
  const app = express();
  app.get('/metrics', nodeMetricsHandler(nodeMetrics, logger));
  return { app, lines };
}

describe("a cluster worker's /metrics", () => {
  it("answers the node's metrics in Prometheus's text format", async () => {
    const { app } = appWith(() => Promise.resolve('emd_cds_audit_cannot_record 0\n'));
    const answer = await request(app).get('/metrics');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(answer.text).toBe('emd_cds_audit_cannot_record 0\n');
  });

  it('answers 503 and logs one error line when the node cannot gather them', async () => {
    const problem = 'a worker did not send its metrics within 5 s (prom-client)';
    const { app, lines } = appWith(() => Promise.reject(new Error(problem)));
    const answer = await request(app).get('/metrics');
    expect(answer.status).toBe(503);
    expect(answer.text).toBe(`the node's metrics are unavailable: ${problem}\n`);
    expect(lines).toEqual([
      expect.objectContaining({ level: 50, problem, msg: `GET /metrics answered 503: ${problem}` }),
    ]);
  });
});
