/**
 * The thread that writes one SQLite file for this process (issue #15). better-sqlite3 is
 * synchronous, so a commit run on the main thread holds the event loop for its whole
 * fsync, and every other request waits; here the writes run in a worker thread that owns
 * the writing connections (./sqlite-writer-thread.ts), and the main thread only awaits
 * their answer. One thread per file, shared by the store and the shared state of the
 * process: their writes queue in order in the one thread, instead of two connections of
 * one process waiting for each other's lock through SQLite's sleeping busy handler.
 */
import { Worker } from 'node:worker_threads';
import { bundleThreadEntry } from './thread-bundle.js';

/** Which connection of the thread runs the call. */
export type WriterTarget = 'store' | 'shared';

export interface WriterRequest {
  id: number;
  target: WriterTarget | 'thread';
  op: string;
  args: unknown[];
}
export type WriterReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; name: string; message: string };

export interface WriterThread {
  /** Runs `op` of the target's connection in the thread; resolves once it has returned (committed). */
  call<T>(target: WriterTarget, op: string, args: unknown[]): Promise<T>;
  /** Gives this user's hold back; the last one closes the connections and ends the thread. */
  release(): Promise<void>;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/** Running from the TypeScript sources (tsx, vitest) rather than from dist/. */
const FROM_SOURCES = import.meta.url.endsWith('.ts');

function startWorker(file: string): Worker {
  const entry = new URL(`./sqlite-writer-thread.${FROM_SOURCES ? 'ts' : 'js'}`, import.meta.url);
  // Node 20 cannot load the .ts entry itself: from the sources, the thread runs a bundle of it.
  return new Worker(FROM_SOURCES ? bundleThreadEntry(entry) : entry, { workerData: { file } });
}

class Thread {
  users = 0;
  readonly #file: string;
  #worker: Worker | undefined;
  #nextId = 0;
  readonly #pending = new Map<number, Pending>();

  constructor(file: string) {
    this.#file = file;
  }

  call<T>(target: WriterRequest['target'], op: string, args: unknown[]): Promise<T> {
    const worker = this.#running();
    const id = this.#nextId++;
    // The thread keeps the process alive only while a write is outstanding.
    if (this.#pending.size === 0) worker.ref();
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ id, target, op, args } satisfies WriterRequest);
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
    const worker = startWorker(this.#file);
    worker.unref();
    worker.on('message', (reply: WriterReply) => {
      this.#settle(reply);
      if (this.#pending.size === 0) worker.unref();
    });
    // A thread that dies fails the calls it held (group commit retries them, the audit
    // spool takes what still fails); the next call starts another thread.
    const fail = (error: Error) => {
      if (this.#worker === worker) this.#worker = undefined;
      const pending = [...this.#pending.values()];
      this.#pending.clear();
      for (const call of pending) call.reject(error);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      fail(new Error(`the SQLite writer thread exited (code ${String(code)})`));
    });
    this.#worker = worker;
    return worker;
  }

  #settle(reply: WriterReply): void {
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

/** This process's writer thread for `file` (started on the first call); `release()` when done. */
export function acquireWriterThread(file: string): WriterThread {
  let thread = threads.get(file);
  if (thread === undefined) {
    thread = new Thread(file);
    threads.set(file, thread);
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
      threads.delete(file);
      await held.stop();
    },
  };
}
