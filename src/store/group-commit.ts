/**
 * Group commit for the audit of served cards. Every hook call must have its cards committed
 * before it answers (nothing served unaudited), and each commit waits for the disk (fsync).
 * One commit per call would make concurrent calls queue behind each other's fsync; instead
 * the calls that arrive while a commit is under way are written together by the next one,
 * and each resolves once the commit holding its cards is durable.
 *
 * If a batch fails, each call's cards are retried on their own, so one bad write fails only
 * its own call.
 */
import type { CardAuditRecord, Store } from './store.js';

interface Pending {
  records: readonly CardAuditRecord[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

export function withGroupCommit(store: Store): Store {
  let queue: Pending[] = [];
  let flushing: Promise<void> | undefined;

  const flush = async (): Promise<void> => {
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      try {
        await store.recordCards(batch.flatMap((p) => p.records));
        for (const pending of batch) pending.resolve();
      } catch {
        for (const pending of batch) {
          await store.recordCards(pending.records).then(pending.resolve, pending.reject);
        }
      }
    }
    flushing = undefined;
  };

  return {
    ...store,
    recordCards: (records) =>
      new Promise<void>((resolve, reject) => {
        queue.push({ records, resolve, reject });
        // The first caller starts the writer on the next turn of the event loop, so the
        // calls handled in this turn share its commit.
        flushing ??= new Promise<void>((started) => setImmediate(started)).then(flush);
      }),
  };
}
