/**
 * GET /metrics in a cluster worker: the node's sum over its workers, which the primary gathers
 * (../cluster/cluster-metrics.ts). When it cannot be had (a worker did not answer in time), 503 and
 * one log line: Prometheus then records a failed scrape, which is true, rather than one
 * worker's counts, which would read as a counter reset.
 */
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { Registry } from 'prom-client';

export function nodeMetricsHandler(
  nodeMetrics: () => Promise<string>,
  logger: Logger,
): RequestHandler {
  return async (_req, res) => {
    let exposition: string;
    try {
      exposition = await nodeMetrics();
    } catch (error) {
      const problem = error instanceof Error ? error.message : String(error);
      logger.error({ problem }, `GET /metrics answered 503: ${problem}`);
      res.status(503).type('text/plain').send(`the node's metrics are unavailable: ${problem}\n`);
      return;
    }
    res.type(Registry.PROMETHEUS_CONTENT_TYPE).send(exposition);
  };
}
