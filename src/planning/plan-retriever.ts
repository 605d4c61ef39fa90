import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BM25_EMBEDDER } from "../engine/index-key.js";
import { IndexProvider } from "../engine/index-provider.js";
import { retrieveHits } from "../engine/retrieve-hits.js";
import type { IndexNeed } from "../engine/run-bench.js";
import type { Corpus } from "../spec/dataset.js";
import type { CellParams, EmbedderSpec } from "../spec/experiment.js";
import type { ProviderRegistry } from "../spec/provider-registry.js";
import type { SearchHit } from "../spec/search-index.js";
import { isLocalEmbedder } from "./index-needs.js";

export interface PlanRetrieverOptions {
  corpus: Corpus;
  cacheDir: string;
  providers: ProviderRegistry;
  embedders: readonly EmbedderSpec[];
  /** Whether the index a need names is complete in the cache. */
  isCached: (need: IndexNeed) => boolean;
}

/**
 * Retrieves for planning without calling any model: from cached indexes
 * of local embedders, or from keyword indexes built in a scratch folder
 * (BM25 needs no model and builds quickly). The cache itself is only
 * read, so a plan changes nothing a run would find.
 */
export class PlanRetriever {
  readonly #options: PlanRetrieverOptions;
  readonly #cached: IndexProvider;
  #scratch: { folder: string; indexes: IndexProvider } | null = null;

  constructor(options: PlanRetrieverOptions) {
    this.#options = options;
    this.#cached = this.#indexProvider(options.cacheDir);
  }

  /** Whether a cell's retrieval can run here, without any model call. */
  canRetrieve(needs: readonly IndexNeed[]): boolean {
    return this.#sourceFor(needs) !== null;
  }

  /** The cell's top-k chunks for `query`; see {@link canRetrieve}. */
  retrieve(
    params: CellParams,
    needs: readonly IndexNeed[],
    query: string,
  ): Promise<SearchHit[]> {
    const source = this.#sourceFor(needs);
    if (source === null) {
      throw new Error("this retrieval would call a model; estimate it");
    }
    return retrieveHits(source, params, query);
  }

  async close(): Promise<void> {
    await this.#cached.closeAll();
    if (this.#scratch === null) return;
    await this.#scratch.indexes.closeAll();
    rmSync(this.#scratch.folder, { recursive: true, force: true });
  }

  #sourceFor(needs: readonly IndexNeed[]): IndexProvider | null {
    const isCachedLocally = (need: IndexNeed) =>
      isLocalEmbedder(need.embedder) && this.#options.isCached(need);
    if (needs.every(isCachedLocally)) return this.#cached;
    if (needs.every((need) => need.embedder === BM25_EMBEDDER)) {
      return this.#scratchIndexes();
    }
    return null;
  }

  #scratchIndexes(): IndexProvider {
    if (this.#scratch === null) {
      const folder = mkdtempSync(join(tmpdir(), "fmops-plan-"));
      this.#scratch = { folder, indexes: this.#indexProvider(folder) };
    }
    return this.#scratch.indexes;
  }

  #indexProvider(cacheDir: string): IndexProvider {
    return new IndexProvider({
      corpus: this.#options.corpus,
      cacheDir,
      providers: this.#options.providers,
      // Only local embedders reach here: no records or limits to add.
      prepareEmbeddingModel: (model) => model,
      embedders: this.#options.embedders,
      onReady: () => {},
    });
  }
}
