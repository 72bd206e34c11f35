/**
 * The body of the SQLite writer thread (./writer-thread.ts): it owns this process's
 * writing connections to one file, the store's (synchronous = FULL: each commit is fsynced
 * before it answers) and the shared state's, and runs each call it is sent, one at a time
 * in the order sent, answering once the call has returned, that is once its transaction
 * has committed.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { SharedState } from './shared-state-contract.js';
import { openSqliteSharedState } from './sqlite-shared-state.js';
import { openSqliteStore } from './sqlite-store.js';
import type { Store } from './store.js';
import type { WriterReply, WriterRequest } from './writer-thread.js';

type Connection = Record<string, ((...args: unknown[]) => Promise<unknown>) | undefined>;

const port = parentPort;
if (port === null) throw new Error('sqlite-writer-thread runs only as a worker thread');
const { file } = workerData as { file: string };

let store: Store | undefined;
let shared: SharedState | undefined;

function connection(target: WriterRequest['target']): Connection {
  // Opened on first use: a process may use only one of the two.
  if (target === 'store') return (store ??= openSqliteStore(file)) as unknown as Connection;
  if (target === 'shared') return (shared ??= openSqliteSharedState(file)) as unknown as Connection;
  return {
    close: async () => {
      await Promise.all([store?.close(), shared?.close()]);
      store = undefined;
      shared = undefined;
    },
  };
}

function run(request: WriterRequest): Promise<unknown> {
  // The connections' methods do their work synchronously (better-sqlite3) before
  // returning their promise, so calls run, and commit, in the order they arrive.
  const method = connection(request.target)[request.op];
  if (method === undefined) throw new Error(`no ${request.target} operation ${request.op}`);
  return method(...request.args);
}

port.on('message', (request: WriterRequest) => {
  const answer = (reply: WriterReply) => {
    port.postMessage(reply);
  };
  // An unknown operation throws before any promise exists: the same failure answer.
  new Promise((resolve) => {
    resolve(run(request));
  }).then(
    (value) => {
      answer({ id: request.id, ok: true, value });
    },
    (error: unknown) => {
      const { name, message } =
        error instanceof Error ? error : { name: 'Error', message: String(error) };
      answer({ id: request.id, ok: false, name, message });
    },
  );
});
