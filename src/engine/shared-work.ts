/**
 * Work that a known number of consumers share: the first to ask computes
 * it, the others get the same promise, and the last one lets it go. A
 * retrieval shared by the cells that differ only in model or prompt is
 * held exactly as long as some cell still needs it.
 */
export class SharedWork<Value> {
  readonly #consumersBySignature: ReadonlyMap<string, number>;
  readonly #entries = new Map<
    string,
    { value: Promise<Value>; left: number }
  >();

  /** `consumersBySignature`: how many consumers each kind of work has. */
  constructor(consumersBySignature: ReadonlyMap<string, number>) {
    this.#consumersBySignature = consumersBySignature;
  }

  take(
    signature: string,
    subject: string,
    compute: () => Promise<Value>,
  ): Promise<Value> {
    const key = `${signature}\u0000${subject}`;
    let entry = this.#entries.get(key);
    if (entry === undefined) {
      const consumers = this.#consumersBySignature.get(signature) ?? 1;
      entry = { value: compute(), left: consumers };
      this.#entries.set(key, entry);
    }
    entry.left -= 1;
    if (entry.left <= 0) this.#entries.delete(key);
    return entry.value;
  }

  /** How many results are held; for tests and diagnostics. */
  get size(): number {
    return this.#entries.size;
  }
}
