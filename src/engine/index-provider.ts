import { createChunker } from "../retrieval/chunking/create-chunker.js";
import { openSearchIndex } from "../retrieval/open-search-index.js";
import type { ChunkingSpec } from "../spec/chunk.js";
import type { Corpus } from "../spec/dataset.js";
import type { EmbeddingModel } from "../spec/embedding-model.js";
import type { EmbedderSpec } from "../spec/experiment.js";
import type { ProviderRegistry } from "../spec/provider-registry.js";
import type { SearchIndex } from "../spec/search-index.js";
import { chunkCorpus } from "./chunk-corpus.js";
import { BM25_EMBEDDER, describeChunking, indexKey } from "./index-key.js";
import { Memo } from "./memo.js";

export interface IndexReadyInfo {
  indexKey: string;
  description: string;
  chunkCount: number;
  isReused: boolean;
  durationMs: number;
}

/**
 * Hands out search indexes for (chunking, embedder) pairs. Each distinct
 * index is opened or built once per run; the chunks of a chunking are
 * computed at most once and only when some index must be built.
 */
export class IndexProvider {
  readonly #indexes = new Memo<SearchIndex>();
  readonly #chunks = new Memo<Awaited<ReturnType<typeof chunkCorpus>>>();
  /** Index keys by chunking and embedder: every case asks, hashing is dear. */
  readonly #keys = new WeakMap<ChunkingSpec, Map<string, string>>();
  readonly #corpus: Corpus;
  readonly #cacheDir: string;
  readonly #providers: ProviderRegistry;
  readonly #prepareEmbeddingModel: (
    model: EmbeddingModel,
    spec: EmbedderSpec,
  ) => EmbeddingModel;
  readonly #embedders: Map<string, EmbedderSpec>;
  readonly #onReady: (info: IndexReadyInfo) => void;
  builtCount = 0;
  reusedCount = 0;
  buildMs = 0;

  constructor(options: {
    corpus: Corpus;
    cacheDir: string;
    providers: ProviderRegistry;
    /** Wraps each embedding model in the engine's services (records, limits). */
    prepareEmbeddingModel: (
      model: EmbeddingModel,
      spec: EmbedderSpec,
    ) => EmbeddingModel;
    embedders: readonly EmbedderSpec[];
    onReady: (info: IndexReadyInfo) => void;
  }) {
    this.#corpus = options.corpus;
    this.#cacheDir = options.cacheDir;
    this.#providers = options.providers;
    this.#prepareEmbeddingModel = options.prepareEmbeddingModel;
    this.#embedders = new Map(options.embedders.map((spec) => [spec.id, spec]));
    this.#onReady = options.onReady;
  }

  get(chunking: ChunkingSpec, embedder: string): Promise<SearchIndex> {
    const key = this.#keyOf(chunking, embedder);
    return this.#indexes.get(key, () => this.#open(key, chunking, embedder));
  }

  #keyOf(chunking: ChunkingSpec, embedder: string): string {
    let keys = this.#keys.get(chunking);
    if (keys === undefined) {
      keys = new Map();
      this.#keys.set(chunking, keys);
    }
    let key = keys.get(embedder);
    if (key === undefined) {
      const spec = this.#embedderSpec(embedder);
      key = indexKey(this.#corpus.contentHash, chunking, spec);
      keys.set(embedder, key);
    }
    return key;
  }

  #embedderSpec(embedder: string): EmbedderSpec | typeof BM25_EMBEDDER {
    if (embedder === BM25_EMBEDDER) return BM25_EMBEDDER;
    const spec = this.#embedders.get(embedder);
    if (spec === undefined) {
      throw new Error(
        `embedder ${embedder} was not resolved with the experiment`,
      );
    }
    return spec;
  }

  async closeAll(): Promise<void> {
    const settled = await Promise.allSettled(this.#indexes.values());
    for (const result of settled) {
      if (result.status === "fulfilled") result.value.close();
    }
  }

  async #open(
    key: string,
    chunking: ChunkingSpec,
    embedder: string,
  ): Promise<SearchIndex> {
    const opened = await openSearchIndex({
      cacheDir: this.#cacheDir,
      key,
      kind: await this.#indexKind(embedder),
      loadChunks: () => this.#chunksFor(chunking),
    });
    this.#count(opened.isReused, opened.buildMs);
    this.#onReady({
      indexKey: key,
      description: `${describeChunking(chunking)} · ${embedder}`,
      chunkCount: opened.index.chunkCount,
      isReused: opened.isReused,
      durationMs: opened.buildMs,
    });
    return opened.index;
  }

  async #indexKind(embedder: string) {
    const spec = this.#embedderSpec(embedder);
    if (spec === BM25_EMBEDDER) return { type: "bm25" as const };
    const model = await this.#providers.createEmbeddingModel(spec);
    const embeddingModel = this.#prepareEmbeddingModel(model, spec);
    return { type: "dense" as const, embeddingModel };
  }

  #chunksFor(chunking: ChunkingSpec) {
    const key = JSON.stringify(chunking);
    return this.#chunks.get(key, async () =>
      chunkCorpus(this.#corpus, await createChunker(chunking)),
    );
  }

  #count(isReused: boolean, buildMs: number): void {
    if (isReused) {
      this.reusedCount += 1;
      return;
    }
    this.builtCount += 1;
    this.buildMs += buildMs;
  }
}
