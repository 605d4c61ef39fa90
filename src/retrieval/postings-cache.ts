import { LRUCache } from "lru-cache";

/** A term's row in a keyword index: `null` for a term no chunk holds. */
export type TermPostings = { documentFrequency: number; postings: Buffer };

/** Stands for "no chunk holds this term"; the cache cannot hold `null`. */
const ABSENT = Symbol("absent term");

/**
 * The postings of recently searched terms, bounded by their bytes. Queries
 * of one dataset share most of their terms, and reading a term from memory
 * instead of the index file makes a short query several times cheaper.
 * Terms no chunk holds are remembered too: a question's rare words (a
 * case number, a name) would otherwise cost a lookup every time. The
 * least recently used terms go first when the bound is reached.
 */
export class PostingsCache {
  readonly #entries: LRUCache<string, TermPostings | typeof ABSENT>;

  constructor(maxBytes: number) {
    this.#entries = new LRUCache({
      maxSize: maxBytes,
      sizeCalculation: (found, term) =>
        sizeOf(term, found === ABSENT ? null : found),
    });
  }

  /** Bytes of postings held now. */
  get bytes(): number {
    return this.#entries.calculatedSize;
  }

  /** The term's postings, read with `read` when the cache has none. */
  get(term: string, read: () => TermPostings | null): TermPostings | null {
    const cached = this.#entries.get(term);
    if (cached !== undefined) return cached === ABSENT ? null : cached;
    const found = read();
    this.#entries.set(term, found ?? ABSENT);
    return found;
  }
}

/** Bytes a map entry takes besides its term and postings, roughly. */
const ENTRY_OVERHEAD_BYTES = 64;

/** Near enough for a memory bound: a term no chunk holds costs too. */
function sizeOf(term: string, found: TermPostings | null): number {
  const postingsBytes = found?.postings.length ?? 0;
  return ENTRY_OVERHEAD_BYTES + term.length * 2 + postingsBytes;
}
