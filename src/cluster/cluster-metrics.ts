/**
 * /metrics in cluster mode: one node, one set of counts. node:cluster hands a scrape to any
 * worker, and each worker counts only the calls it answered, so a worker's own counts went up
 * and down from one scrape to the next, which Prometheus reads as counter resets. Now the
 * worker that takes a scrape asks the primary over IPC; the primary gathers every live
 * worker's registry with prom-client's AggregatorRegistry (`clusterMetrics()`), sums them and
 * answers. Counting stays in each worker's memory (issue #15): only a scrape crosses processes.
 *
 * prom-client's own limits: a worker that does not answer within 5 s fails the whole scrape
 * (the worker that took it answers 503); a restarted worker's counts start again at 0, so the
 * node's sum drops (Prometheus sees a counter reset, as at any restart).
 */
import cluster from 'node:cluster';
import { AggregatorRegistry, type Registry } from 'prom-client';

const ASK = 'emd-cds:node-metrics-ask';
const ANSWER = 'emd-cds:node-metrics-answer';
/**
 * How long a worker waits for the primary. Above prom-client's 5 s wait for the workers, so
 * the primary's own answer (the sum, or why there is none) normally arrives first.
 */
export const ASK_PRIMARY_TIMEOUT_MS = 6000;
/** prom-client's "Operation timed out.", said so that the log line explains itself. */
const TIMED_OUT = 'a worker did not send its metrics within 5 s (prom-client)';

interface Ask {
  type: typeof ASK;
  id: number;
}
/** The node's metrics in Prometheus's text format, or why there are none. */
type Outcome = { exposition: string } | { problem: string };
type Answer = { type: typeof ANSWER; id: number } & Outcome;
type Sent = (error: Error | null) => void;

/** A cluster worker's IPC channel to the primary (`process` there). */
export interface PrimaryChannel {
  send(message: Ask, sent: Sent): unknown;
  on(event: 'message', listener: (message: unknown) => void): unknown;
}

/** The primary's side of one worker (node:cluster's `Worker`). */
export interface WorkerChannel {
  send(message: Answer, sent: Sent): unknown;
}

/** Where the primary hears its workers (node:cluster itself). */
export interface WorkerMessages {
  on(event: 'message', listener: (worker: WorkerChannel, message: unknown) => void): unknown;
}

/** Primary: answers each worker's ask with the sum of every live worker's metrics. */
export function answerWorkersMetrics(
  workers: WorkerMessages = cluster,
  gather: () => Promise<string> = sumOfWorkers(),
): void {
  workers.on('message', (worker, message) => {
    if (!isMessage(message, ASK)) return;
    const { id } = message;
    gather().then(
      (exposition) => {
        reply(worker, { type: ANSWER, id, exposition });
      },
      (error: unknown) => {
        reply(worker, { type: ANSWER, id, problem: problemOf(error) });
      },
    );
  });
}

/** prom-client's gathering: each live worker sends its registries, summed metric by metric. */
function sumOfWorkers(): () => Promise<string> {
  // Constructed once: its listener for the workers' answers is added once.
  const aggregator = new AggregatorRegistry();
  return () => aggregator.clusterMetrics();
}

/** A worker that died meanwhile gets no answer: the callback keeps that from being an error event. */
function reply(worker: WorkerChannel, answer: Answer): void {
  worker.send(answer, () => undefined);
}

/**
 * Worker: lets prom-client send `registry` when the primary gathers, and returns how to ask
 * the primary for the node's sum (rejects with the reason when there is none).
 */
export function nodeMetricsOfWorker(
  registry: Registry,
  // process.send exists in a cluster worker, the only place this is called without `primary`.
  primary: PrimaryChannel = process as PrimaryChannel,
  timeoutMs = ASK_PRIMARY_TIMEOUT_MS,
): () => Promise<string> {
  // In a worker, constructing one adds prom-client's answer to the primary's gathering.
  new AggregatorRegistry();
  AggregatorRegistry.setRegistries([registry]);
  const waiting = new Map<number, (outcome: Outcome) => void>();
  let lastId = 0;
  primary.on('message', (message) => {
    if (!isMessage(message, ANSWER)) return;
    const { exposition, problem } = message as { exposition?: unknown; problem?: unknown };
    waiting.get(message.id)?.(
      typeof exposition === 'string'
        ? { exposition }
        : { problem: typeof problem === 'string' ? problem : 'the primary sent no metrics' },
    );
  });
  return () =>
    new Promise<string>((resolve, reject) => {
      lastId += 1;
      const id = lastId;
      const settle = (outcome: Outcome) => {
        clearTimeout(timer);
        waiting.delete(id);
        if ('exposition' in outcome) resolve(outcome.exposition);
        else reject(new Error(outcome.problem));
      };
      const timer = setTimeout(() => {
        settle({ problem: `the primary did not answer within ${String(timeoutMs)} ms` });
      }, timeoutMs);
      waiting.set(id, settle);
      primary.send({ type: ASK, id }, (error) => {
        if (error) settle({ problem: `cannot ask the primary: ${error.message}` });
      });
    });
}

function isMessage(message: unknown, type: string): message is { type: string; id: number } {
  if (typeof message !== 'object' || message === null) return false;
  const { type: given, id } = message as { type?: unknown; id?: unknown };
  return given === type && typeof id === 'number';
}

function problemOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text === 'Operation timed out.' ? TIMED_OUT : text;
}
