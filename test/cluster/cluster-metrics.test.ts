/**
 * The IPC behind cluster mode's /metrics (src/cluster/cluster-metrics.ts), with the primary and a
 * worker joined by in-memory channels: a scrape gets the node's sum from the primary, or a
 * reason, never a hang. The real two-worker cluster is test/http/cluster.test.ts.
 */
import { EventEmitter } from 'node:events';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import {
  answerWorkersMetrics,
  nodeMetricsOfWorker,
  type PrimaryChannel,
  type WorkerChannel,
} from '../../src/cluster/cluster-metrics.js';

/**
 * A worker's channel and the primary's view of it, joined as node:cluster joins them; the
 * primary's answers are delivered on a later turn, as IPC's are.
 */
function joined(gather: () => Promise<string>, options: { sendFails?: boolean } = {}) {
  const toWorker = new EventEmitter();
  const toPrimary = new EventEmitter();
  const worker: WorkerChannel = {
    send(message, sent) {
      setImmediate(() => toWorker.emit('message', message));
      sent(null);
    },
  };
  const primary: PrimaryChannel = {
    send(message, sent) {
      if (options.sendFails) {
        sent(new Error('channel closed'));
        return;
      }
      setImmediate(() => toPrimary.emit('message', worker, message));
      sent(null);
    },
    on: (event, listener) => toWorker.on(event, listener),
  };
  answerWorkersMetrics({ on: (event, listener) => toPrimary.on(event, listener) }, gather);
  return { primary, toWorker };
}

describe('cluster /metrics over IPC', () => {
  it("gives the worker the primary's sum, each ask its own answer", async () => {
    let asked = 0;
    const { primary } = joined(() => {
      asked += 1;
      return Promise.resolve(
        `emd_cds_hook_calls_total{service="emd-patient-view"} ${String(asked)}\n`,
      );
    });
    const ask = nodeMetricsOfWorker(new Registry(), primary);
    const answers = await Promise.all([ask(), ask()]);
    expect(answers).toEqual([
      'emd_cds_hook_calls_total{service="emd-patient-view"} 1\n',
      'emd_cds_hook_calls_total{service="emd-patient-view"} 2\n',
    ]);
  });

  it("rejects, naming prom-client's 5 s wait, when a worker did not send its metrics", async () => {
    const { primary } = joined(() => Promise.reject(new Error('Operation timed out.')));
    await expect(nodeMetricsOfWorker(new Registry(), primary)()).rejects.toThrow(
      'a worker did not send its metrics within 5 s (prom-client)',
    );
  });

  it('rejects when the primary does not answer in time', async () => {
    const { primary } = joined(() => new Promise<string>(() => undefined));
    await expect(nodeMetricsOfWorker(new Registry(), primary, 20)()).rejects.toThrow(
      'the primary did not answer within 20 ms',
    );
  });

  it('rejects when the primary cannot be asked', async () => {
    const { primary } = joined(() => Promise.resolve(''), { sendFails: true });
    await expect(nodeMetricsOfWorker(new Registry(), primary)()).rejects.toThrow(
      'cannot ask the primary: channel closed',
    );
  });

  it("ignores other messages, such as prom-client's own", async () => {
    const { primary, toWorker } = joined(() => Promise.resolve('x 1\n'));
    const ask = nodeMetricsOfWorker(new Registry(), primary);
    const answer = ask();
    for (const message of [
      { type: 'prom-client:getMetricsReq', requestId: 1 },
      { type: 'emd-cds:node-metrics-answer', id: 'one', exposition: 'wrong' },
      null,
      'text',
    ])
      toWorker.emit('message', message);
    expect(await answer).toBe('x 1\n');
  });
});
