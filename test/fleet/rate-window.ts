/**
 * The shared rate limit counts in fixed windows of one clock minute (src/http/rate-limit.ts,
 * `sharedWindowStore`). A test that counts a burst of calls must keep the burst in one window:
 * across a minute boundary the count starts again and the 429 it expects never comes.
 * In-process nodes share this process's clock; nginx's nodes are in-process too.
 */
export const RATE_WINDOW_MS = 60_000;

/** The window `time` (ms since the epoch) falls in. */
export const rateWindowOf = (time: number): number => Math.floor(time / RATE_WINDOW_MS);

/** Room a burst asks for: far more than a handful of calls take on a loaded machine. */
const ROOM_MS = 20_000;

/** A burst's test timeout: a whole window's wait and the burst itself. */
export const BURST_TIMEOUT_MS = RATE_WINDOW_MS + 20_000;

/**
 * Waits for the next window when the current one has less than ROOM_MS left, or always with
 * `fresh`; then returns the window the burst starts in.
 */
export async function startOfBurst({ fresh = false } = {}): Promise<number> {
  const left = RATE_WINDOW_MS - (Date.now() % RATE_WINDOW_MS);
  if (fresh || left < ROOM_MS) await new Promise((resolve) => setTimeout(resolve, left + 50));
  return rateWindowOf(Date.now());
}
