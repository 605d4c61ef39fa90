import { type Clock, sleepOnTimer } from "./clock.js";

interface PendingTimer {
  dueMs: number;
  /** Breaks ties between timers due at the same moment: first set, first run. */
  sequence: number;
  fire: () => void;
}

/**
 * A clock for tests whose time moves only when everything waits on it.
 * Once the promise jobs in flight have all run (a `setImmediate` comes
 * after them), the earliest pending timer fires and time jumps to its due
 * moment. A test can then run thousands of rate-limited calls in virtual
 * minutes while taking milliseconds of real time, and every figure it
 * asserts follows from the arithmetic alone.
 */
export class VirtualClock implements Clock {
  #nowMs: number;
  #nextSequence = 0;
  #isAdvanceScheduled = false;
  readonly #timers: PendingTimer[] = [];

  constructor(startMs = 0) {
    this.#nowMs = startMs;
  }

  now(): number {
    return this.#nowMs;
  }

  /** Timers set and neither fired nor cancelled yet. */
  get pendingTimerCount(): number {
    return this.#timers.length;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return sleepOnTimer(this, ms, signal);
  }

  setTimer(ms: number, fire: () => void): () => void {
    const timer: PendingTimer = {
      dueMs: this.#nowMs + Math.max(0, ms),
      sequence: this.#nextSequence++,
      fire,
    };
    this.#insert(timer);
    return () => this.#remove(timer);
  }

  #insert(timer: PendingTimer): void {
    const index = this.#timers.findIndex(
      (other) =>
        other.dueMs > timer.dueMs ||
        (other.dueMs === timer.dueMs && other.sequence > timer.sequence),
    );
    if (index === -1) this.#timers.push(timer);
    else this.#timers.splice(index, 0, timer);
    this.#scheduleAdvance();
  }

  #remove(timer: PendingTimer): void {
    const index = this.#timers.indexOf(timer);
    if (index !== -1) this.#timers.splice(index, 1);
  }

  #scheduleAdvance(): void {
    if (this.#isAdvanceScheduled) return;
    this.#isAdvanceScheduled = true;
    setImmediate(() => {
      this.#isAdvanceScheduled = false;
      this.#fireEarliest();
    });
  }

  #fireEarliest(): void {
    const timer = this.#timers.shift();
    if (timer === undefined) return;
    this.#nowMs = Math.max(this.#nowMs, timer.dueMs);
    timer.fire();
    if (this.#timers.length > 0) this.#scheduleAdvance();
  }
}
