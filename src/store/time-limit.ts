/**
 * Every call the node makes to its audit database is bounded in time (docs/deploying.md): a
 * database that holds a write (a lock on a table, a stuck session, a database gone silent)
 * must not hold the call, or the flush, that waits on it. One timer for both ways of waiting.
 */

/** How `work` ended within the time limit: answered, failed, or not yet (`late`, under way). */
export type TimedAnswer<T> =
  { kind: 'answered'; value: T } | { kind: 'failed' | 'late'; error: unknown };

/** What `work` came to within `ms`; never rejects. A late `work` goes on, unwatched. */
export async function answerWithin<T>(work: Promise<T>, ms: number): Promise<TimedAnswer<T>> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<TimedAnswer<T>>((resolve) => {
    timer = setTimeout(() => {
      resolve({
        kind: 'late',
        error: new Error(`no answer from the audit store within ${String(ms)} ms`),
      });
    }, ms);
  });
  try {
    return await Promise.race([
      work.then(
        (value): TimedAnswer<T> => ({ kind: 'answered', value }),
        (error: unknown): TimedAnswer<T> => ({ kind: 'failed', error }),
      ),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** `work`'s value, or its failure, or a failure of its own once `ms` have passed. */
export async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  const answer = await answerWithin(work, ms);
  if (answer.kind === 'answered') return answer.value;
  throw answer.error;
}
