/**
 * The replay guard of a single process (src/auth/replay-cache.ts `InMemoryReplayCache`): a
 * `jti` key is refused until the instant it was remembered until, and accepted again from
 * that instant, when its token can no longer be accepted anyway (how long that is:
 * ./replay-lifetime.test.ts; the shared guard's expiry: test/store/shared-state.test.ts).
 * The clock is frozen and moved by hand.
 */
import { describe, expect, it } from 'vitest';
import { InMemoryReplayCache } from '../../src/auth/replay-cache.js';

const NOW = Date.parse('2026-11-25T10:00:00Z');
const MINUTE = 60_000;

describe('the in-memory replay cache', () => {
  it('refuses a key until it expires, and accepts it again from its expiry', async () => {
    let now = NOW;
    const cache = new InMemoryReplayCache(() => now);

    expect(await cache.rememberOnce('key-1', NOW + 5 * MINUTE)).toBe(true);
    now = NOW + 5 * MINUTE - 1;
    expect(await cache.rememberOnce('key-1', NOW + 10 * MINUTE)).toBe(false);
    now = NOW + 5 * MINUTE;
    expect(await cache.rememberOnce('key-1', NOW + 10 * MINUTE)).toBe(true);
    // Remembered again, until its new expiry.
    now = NOW + 6 * MINUTE;
    expect(await cache.rememberOnce('key-1', NOW + 12 * MINUTE)).toBe(false);
  });

  it('keeps a key that has not expired when older ones are dropped', async () => {
    let now = NOW;
    const cache = new InMemoryReplayCache(() => now);
    expect(await cache.rememberOnce('short', NOW + MINUTE)).toBe(true);
    expect(await cache.rememberOnce('long', NOW + 10 * MINUTE)).toBe(true);

    now = NOW + 2 * MINUTE;

    expect(await cache.rememberOnce('short', NOW + 3 * MINUTE)).toBe(true);
    expect(await cache.rememberOnce('long', NOW + 3 * MINUTE)).toBe(false);
  });

  it('accepts an expired key remembered after one that has not expired', async () => {
    // A token with a short life after one with a long life: the short one's key expires first.
    let now = NOW;
    const cache = new InMemoryReplayCache(() => now);
    expect(await cache.rememberOnce('long', NOW + 10 * MINUTE)).toBe(true);
    expect(await cache.rememberOnce('short', NOW + MINUTE)).toBe(true);

    now = NOW + 2 * MINUTE;

    expect(await cache.rememberOnce('short', NOW + 3 * MINUTE)).toBe(true);
    expect(await cache.rememberOnce('long', NOW + 3 * MINUTE)).toBe(false);
  });
});
