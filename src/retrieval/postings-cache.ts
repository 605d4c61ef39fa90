/** A term's row in a keyword index: `null` for a term no chunk holds. */
export type TermPostings = { documentFrequency: number; postings: Buffer };

/**
 * The postings of recently searched terms, bounded by their bytes. Queries
 * of one dataset share most of their terms, and reading a term from memory
 * instead of the index file makes a short query several times cheaper.
 * The least recently used terms go first when the bound is reached.
 */
export class PostingsCache {
  readonly #maxBytes: number;
  readonly #entries = new Map<string, TermPostings | null>();
  #bytes = 0;

  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes;
  }

  /** Bytes of postings held now. */
  get bytes(): number {
    return this.#bytes;
  }

  /** The term's postings, read with `read` when the cache has none. */
  get(term: string, read: () => TermPostings | null): TermPostings | null {
    const cached = this.#entries.get(term);
    if (cached !== undefined) {
      // Re-inserted so that the Map's order is the order of use.
      this.#entries.delete(term);
      this.#entries.set(term, cached);
      return cached;
    }
    const found = read();
    this.#add(term, found);
    return found;
  }

  #add(term: string, found: TermPostings | null): void {
    const size = sizeOf(term, found);
    if (size > this.#maxBytes) return;
    this.#entries.set(term, found);
    this.#bytes += size;
    for (const [oldest, entry] of this.#entries) {
      if (this.#bytes <= this.#maxBytes) break;
      this.#entries.delete(oldest);
      this.#bytes -= sizeOf(oldest, entry);
    }
  }
}

/** Bytes a map entry takes besides its term and postings, roughly. */
const ENTRY_OVERHEAD_BYTES = 64;

/** Near enough for a memory bound: a term no chunk holds costs too. */
function sizeOf(term: string, found: TermPostings | null): number {
  const postingsBytes = found?.postings.length ?? 0;
  return ENTRY_OVERHEAD_BYTES + term.length * 2 + postingsBytes;
}
