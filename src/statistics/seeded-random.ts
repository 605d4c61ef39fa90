import { FmopsError } from "../errors/index.js";

/** Added to the state on every draw; an odd constant visits all 2^32 states. */
const STATE_INCREMENT = 0x6d2b79f5;
const TWO_TO_THE_32 = 4_294_967_296;

/**
 * A reproducible source of uniform numbers in [0, 1): the mulberry32
 * generator, which keeps one 32-bit word of state, advances it by a fixed
 * odd step and scrambles it with multiply–xorshift rounds. It is small and
 * fast and passes the usual statistical batteries well enough for
 * resampling; it is not meant for anything secret.
 *
 * The seed is read as an unsigned 32-bit integer (fractions are dropped),
 * so the same seed always yields the same sequence.
 *
 * @throws FmopsError (`USAGE`) when the seed is not a finite number.
 */
export function createSeededRandom(seed: number): () => number {
  if (!Number.isFinite(seed)) {
    throw new FmopsError(
      "USAGE",
      `random seed must be a finite number, got ${String(seed)}`,
    );
  }
  // A typed array holds the state unboxed; a plain closure variable above
  // 2^30 would be re-allocated as a heap number on every draw (7x slower).
  const state = new Uint32Array([Math.trunc(seed) >>> 0]);
  return () => {
    const word = ((state[0] ?? 0) + STATE_INCREMENT) >>> 0;
    state[0] = word;
    return scramble(word) / TWO_TO_THE_32;
  };
}

/** Spreads the bits of a 32-bit word; returns an unsigned 32-bit integer. */
function scramble(word: number): number {
  let mixed = Math.imul(word ^ (word >>> 15), word | 1);
  mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
  return (mixed ^ (mixed >>> 14)) >>> 0;
}
