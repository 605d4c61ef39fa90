import { raceWithAbort } from "../../util/race-with-abort.js";

/** Gives a slot back; calling it more than once is harmless. */
export type ReleaseSlot = () => void;

/**
 * Caps how many holders run at once. Waiters get slots in arrival order;
 * one that aborts leaves the line without taking a slot.
 */
export class Semaphore {
  readonly size: number;
  #activeCount = 0;
  readonly #waiters: Array<() => void> = [];

  constructor(size: number) {
    this.size = size;
  }

  /** Slots held right now. */
  get activeCount(): number {
    return this.#activeCount;
  }

  /** Callers waiting for a slot. */
  get waitingCount(): number {
    return this.#waiters.length;
  }

  /**
   * Resolves with a release function once a slot is free; rejects with the
   * signal's reason when `signal` aborts first.
   */
  async acquire(signal?: AbortSignal): Promise<ReleaseSlot> {
    signal?.throwIfAborted();
    if (this.#activeCount < this.size) {
      this.#activeCount++;
      return this.#createRelease();
    }

    let admit = () => {};
    const turn = new Promise<void>((resolve) => {
      admit = resolve;
    });
    this.#waiters.push(admit);
    try {
      await raceWithAbort(turn, signal);
    } catch (error) {
      // Aborted in the same tick the slot was handed over: hand it on.
      if (!this.#leaveLine(admit)) this.#createRelease()();
      throw error;
    }
    return this.#createRelease();
  }

  /**
   * A release hands the slot straight to the next waiter, so a newcomer
   * cannot slip in between and push the count over the size.
   */
  #createRelease(): ReleaseSlot {
    let isReleased = false;
    return () => {
      if (isReleased) return;
      isReleased = true;
      const next = this.#waiters.shift();
      if (next === undefined) this.#activeCount--;
      else next();
    };
  }

  /** Removes a waiter; false when it had already been handed a slot. */
  #leaveLine(admit: () => void): boolean {
    const index = this.#waiters.indexOf(admit);
    if (index === -1) return false;
    this.#waiters.splice(index, 1);
    return true;
  }
}
