/**
 * Remembers the promise of each keyed computation, so work that many cells
 * share (an index, a retrieval) runs once however many cells ask for it.
 * A failed computation is forgotten, so a later caller may try again.
 */
export class Memo<Value> {
  readonly #entries = new Map<string, Promise<Value>>();

  get(key: string, compute: () => Promise<Value>): Promise<Value> {
    const existing = this.#entries.get(key);
    if (existing !== undefined) return existing;

    const pending = compute();
    this.#entries.set(key, pending);
    pending.catch(() => this.#entries.delete(key));
    return pending;
  }

  values(): Promise<Value>[] {
    return [...this.#entries.values()];
  }
}
