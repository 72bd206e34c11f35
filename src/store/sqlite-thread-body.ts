/**
 * The body of an SQLite thread (./sqlite-thread.ts). Its role decides its connections to
 * the file: a `writer` owns this process's writing connections, the store's (synchronous =
 * FULL: each commit is fsynced before it answers), the shared state's and the fleet
 * registry's; a `reader` has the store's alone, opened read-only, so no read can ever take
 * the write lock. It runs each call it is sent, one at a time in the order sent, answering once the call has
 * returned, that is, for a write, once its transaction has committed. One call is the
 * exception: the retention purge (`purgeBefore`) commits in batches and comes back to this
 * thread's event loop before each, so the calls that arrived meanwhile run, and commit,
 * between its batches (issue #19: a hook call's audit never waits for a whole purge).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { FleetRegistry } from './fleet-node.js';
import type { SharedState } from './shared-state-contract.js';
import { openSqliteFleetRegistry } from './sqlite-fleet-registry.js';
import { openSqliteSharedState } from './sqlite-shared-state.js';
import { openSqliteStore } from './sqlite-store.js';
import type { Store } from './store.js';
import type { ThreadReply, ThreadRequest, ThreadRole } from './sqlite-thread.js';

type Connection = Record<string, ((...args: unknown[]) => Promise<unknown>) | undefined>;

const port = parentPort;
if (port === null) throw new Error('sqlite-thread-body runs only as a worker thread');
const { file, role } = workerData as { file: string; role: ThreadRole };

let store: Store | undefined;
let shared: SharedState | undefined;
let fleet: FleetRegistry | undefined;

function connection(target: ThreadRequest['target']): Connection {
  // Opened on first use: a process may use only one of the two.
  if (target === 'store')
    return (store ??= openSqliteStore(file, {
      readOnly: role === 'reader',
    })) as unknown as Connection;
  if (target === 'shared' && role === 'writer')
    return (shared ??= openSqliteSharedState(file)) as unknown as Connection;
  if (target === 'fleet' && role === 'writer')
    return (fleet ??= openSqliteFleetRegistry(file)) as unknown as Connection;
  if (target === 'shared' || target === 'fleet') return {};
  return {
    close: async () => {
      await Promise.all([store?.close(), shared?.close(), fleet?.close()]);
      store = undefined;
      shared = undefined;
      fleet = undefined;
    },
  };
}

function run(request: ThreadRequest): Promise<unknown> {
  // The connections' methods do their work synchronously (better-sqlite3) before
  // returning their promise, so calls run, and commit, in the order they arrive.
  const method = connection(request.target)[request.op];
  if (method === undefined)
    throw new Error(`no ${request.target} operation ${request.op} in the ${role} thread`);
  return method(...request.args);
}

port.on('message', (request: ThreadRequest) => {
  const answer = (reply: ThreadReply) => {
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
