import type { FakeFault } from "./fake-server-options.js";

/**
 * Decides, request by request, whether to fail and how. A seeded
 * generator (mulberry32) makes the sequence of faults repeatable.
 */
export class FaultInjector {
  readonly #rate: number;
  readonly #faults: readonly FakeFault[];
  #state: number;

  constructor(rate: number, faults: readonly FakeFault[], seed: number) {
    this.#rate = rate;
    this.#faults = faults;
    this.#state = seed >>> 0;
  }

  /** The fault for the next request, or `null` to answer normally. */
  next(): FakeFault | null {
    if (this.#rate <= 0 || this.#faults.length === 0) return null;
    if (this.#random() >= this.#rate) return null;
    const index = Math.floor(this.#random() * this.#faults.length);
    return this.#faults[index] ?? null;
  }

  #random(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let mixed = this.#state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  }
}
