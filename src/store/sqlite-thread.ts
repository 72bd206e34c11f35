/**
 * The threads that run one SQLite file's connections for this process, off the event loop.
 * better-sqlite3 is synchronous: a commit run on the main thread holds the event loop for its
 * whole fsync (issue #15), and a statistics query over months of audit for seconds (session
 * 34's probe: 1.4–1.8 s with 101k cards), while every other request waits. Here such work
 * runs in a worker thread that owns the connections (./sqlite-thread-body.ts), and the main
 * thread only awaits the answer.
 *
 * A thread is acquired by (file, role), one per pair in the process:
 * - `writer` owns the writing connections of the store, the shared state and the fleet
 *   registry (its heartbeat). Their writes
 *   queue in order in the one thread, instead of two connections of one process waiting for
 *   each other's lock through SQLite's sleeping busy handler.
 * - `reader` opens the store read-only and runs the admin statistics. Not in the writer: a
 *   thread runs one call at a time, and every hook call answers only after its audit commit,
 *   so a long read there would hold every hook call. WAL lets the reader read the last
 *   committed state while the writer commits.
 */
import { Worker } from 'node:worker_threads';
import { bundleThreadEntry } from './thread-bundle.js';

/** Which connections the thread opens: the writing ones, or the store read-only. */
export type ThreadRole = 'writer' | 'reader';
/** Which connection of the thread runs the call (the reader has only `store`). */
export type ThreadTarget = 'store' | 'shared' | 'fleet';

export interface ThreadRequest {
  id: number;
  target: ThreadTarget | 'thread';
  op: string;
  args: unknown[];
}
export type ThreadReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; name: string; message: string };

export interface SqliteThread {
  /** Runs `op` of the target's connection in the thread; resolves once it has returned (committed). */
  call<T>(target: ThreadTarget, op: string, args: unknown[]): Promise<T>;
  /** Gives this user's hold back; the last one closes the connections and ends the thread. */
  release(): Promise<void>;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/** Running from the TypeScript sources (tsx, vitest) rather than from dist/. */
const FROM_SOURCES = import.meta.url.endsWith('.ts');

function startWorker(file: string, role: ThreadRole): Worker {
  const entry = new URL(`./sqlite-thread-body.${FROM_SOURCES ? 'ts' : 'js'}`, import.meta.url);
  // Node 20 cannot load the .ts entry itself: from the sources, the thread runs a bundle of it.
  return new Worker(FROM_SOURCES ? bundleThreadEntry(entry) : entry, {
    workerData: { file, role },
  });
}

class Thread {
  users = 0;
  readonly #file: string;
  readonly #role: ThreadRole;
  #worker: Worker | undefined;
  #nextId = 0;
  readonly #pending = new Map<number, Pending>();

  constructor(file: string, role: ThreadRole) {
    this.#file = file;
    this.#role = role;
  }

  call<T>(target: ThreadRequest['target'], op: string, args: unknown[]): Promise<T> {
    const worker = this.#running();
    const id = this.#nextId++;
    // The thread keeps the process alive only while a call is outstanding.
    if (this.#pending.size === 0) worker.ref();
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ id, target, op, args } satisfies ThreadRequest);
    });
  }

  async stop(): Promise<void> {
    const worker = this.#worker;
    if (worker === undefined) return;
    await this.call('thread', 'close', []);
    this.#worker = undefined;
    await worker.terminate();
  }

  #running(): Worker {
    if (this.#worker) return this.#worker;
    const worker = startWorker(this.#file, this.#role);
    worker.unref();
    worker.on('message', (reply: ThreadReply) => {
      this.#settle(reply);
      if (this.#pending.size === 0) worker.unref();
    });
    // A thread that dies fails the calls it held (group commit retries writes, the audit
    // spool takes what still fails); the next call starts another thread.
    const fail = (error: Error) => {
      if (this.#worker === worker) this.#worker = undefined;
      const pending = [...this.#pending.values()];
      this.#pending.clear();
      for (const call of pending) call.reject(error);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      fail(new Error(`the SQLite ${this.#role} thread exited (code ${String(code)})`));
    });
    this.#worker = worker;
    return worker;
  }

  #settle(reply: ThreadReply): void {
    const call = this.#pending.get(reply.id);
    if (call === undefined) return;
    this.#pending.delete(reply.id);
    if (reply.ok) {
      call.resolve(reply.value);
    } else {
      const error = new Error(reply.message);
      error.name = reply.name;
      call.reject(error);
    }
  }
}

const threads = new Map<string, Thread>();

/**
 * This process's `role` thread for `file` (started on the first call); `release()` when done.
 */
export function acquireSqliteThread(file: string, role: ThreadRole): SqliteThread {
  const key = `${role}:${file}`;
  let thread = threads.get(key);
  if (thread === undefined) {
    thread = new Thread(file, role);
    threads.set(key, thread);
  }
  thread.users += 1;
  const held = thread;
  let released = false;
  return {
    call: (target, op, args) => held.call(target, op, args),
    release: async () => {
      if (released) return;
      released = true;
      held.users -= 1;
      if (held.users > 0) return;
      threads.delete(key);
      await held.stop();
    },
  };
}
