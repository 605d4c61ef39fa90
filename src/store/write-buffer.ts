/** When a {@link WriteBuffer} writes what it holds. */
export interface WriteBufferOptions<Entry> {
  /** Write as soon as this many entries are pending. */
  maxPendingEntries: number;
  /** Write this long after the first entry of a batch arrives. */
  flushDelayMs: number;
  /** Writes a batch in one go; throws when nothing of it was written. */
  writeBatch: (entries: Entry[]) => void;
}

/**
 * Holds entries and hands them to `writeBatch` in groups: one transaction
 * for many rows is far cheaper than one per row. A batch goes out when it
 * is full, when its delay has passed, or when `flush` is called.
 *
 * A batch that fails stays pending so a later flush can retry it. A failure
 * in the background has no caller to throw to, so it is thrown by the next
 * `add` or `flush` instead.
 */
export class WriteBuffer<Entry> {
  readonly #options: WriteBufferOptions<Entry>;
  #pending: Entry[] = [];
  #timer: NodeJS.Timeout | null = null;
  #backgroundError: { error: unknown } | null = null;

  constructor(options: WriteBufferOptions<Entry>) {
    this.#options = options;
  }

  /** How many entries wait to be written. */
  get pendingCount(): number {
    return this.#pending.length;
  }

  add(entry: Entry): void {
    this.#throwBackgroundError();
    this.#pending.push(entry);
    if (this.#pending.length >= this.#options.maxPendingEntries) {
      this.flush();
    } else {
      this.#startTimer();
    }
  }

  /** Writes every pending entry now. */
  flush(): void {
    this.#throwBackgroundError();
    this.#stopTimer();
    if (this.#pending.length === 0) return;
    const batch = this.#pending;
    this.#pending = [];
    try {
      this.#options.writeBatch(batch);
    } catch (error) {
      this.#pending = batch.concat(this.#pending);
      throw error;
    }
  }

  /** Stops the timer without writing; pending entries are dropped. */
  discard(): void {
    this.#stopTimer();
    this.#pending = [];
    this.#backgroundError = null;
  }

  #startTimer(): void {
    if (this.#timer !== null) return;
    this.#timer = setTimeout(
      () => this.#flushInBackground(),
      this.#options.flushDelayMs,
    );
    // A pending write must not keep the process alive on its own; close()
    // and the exit hook write what is left.
    this.#timer.unref();
  }

  #stopTimer(): void {
    if (this.#timer === null) return;
    clearTimeout(this.#timer);
    this.#timer = null;
  }

  #flushInBackground(): void {
    this.#timer = null;
    try {
      this.flush();
    } catch (error) {
      this.#backgroundError = { error };
    }
  }

  #throwBackgroundError(): void {
    if (this.#backgroundError === null) return;
    const { error } = this.#backgroundError;
    this.#backgroundError = null;
    throw error;
  }
}
