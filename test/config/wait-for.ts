/**
 * Waiting on a config watcher in the reload tests: a watcher and a quiet period are waited
 * for, never raced, so the poll is generous (15 s) and fails naming what it waited for.
 */
export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitFor(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 300; i += 1) {
    if (check()) return;
    await pause(50);
  }
  throw new Error(`timed out waiting for ${what}`);
}
