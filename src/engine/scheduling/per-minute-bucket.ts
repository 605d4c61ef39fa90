import { TokenBucket } from "./token-bucket.js";

/** Length of the window a per-minute limit is counted over. */
export const MINUTE_MS = 60_000;

/**
 * A bucket that lets at most `limitPerMinute` units (requests or tokens)
 * through in any 60-second window, when each take is a whole number no
 * larger than the capacity.
 *
 * A bucket that starts full with capacity C and refills N per minute lets
 * C + N through in its first minute, more than N. So the refill is cut:
 * the units taken in a window [a, a + 60 s) are at most the C held at `a`
 * plus what arrives before the window closes, strictly less than one
 * minute's refill; with a refill of N − C + 1 per minute the whole-number
 * total stays below N + 1. The capacity is one second's worth (at least
 * one unit), so calls may come in the short bursts providers accept, and
 * the long-run rate is about 1/60 below N — the price of the guarantee.
 *
 * A take above the capacity leaves the bucket in debt (see `TokenBucket`)
 * and may push one window over the limit by its excess; token counts are
 * estimates anyway, and waiting for more than the bucket holds would stall.
 */
export function createPerMinuteBucket(limitPerMinute: number): TokenBucket {
  const limit = Math.floor(limitPerMinute);
  const capacity = Math.max(1, Math.floor(limit / 60));
  const refillPerMinute = limit - capacity + 1;
  return new TokenBucket({
    capacity,
    refillPerMs: refillPerMinute / MINUTE_MS,
  });
}
