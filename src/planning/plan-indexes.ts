import {
  BM25_EMBEDDER,
  describeChunking,
  indexKey,
} from "../engine/index-key.js";
import type { IndexNeed } from "../engine/run-bench.js";
import type { Corpus } from "../spec/dataset.js";
import type { EmbedderSpec } from "../spec/experiment.js";
import type { ProviderRegistry } from "../spec/provider-registry.js";
import type { CallTally } from "./call-tally.js";
import type { ChunkStatistics } from "./chunk-statistics.js";
import type { PlannedIndex } from "./experiment-plan.js";
import { isLocalEmbedder } from "./index-needs.js";

export interface IndexPlanning {
  corpus: Corpus;
  embedders: ReadonlyMap<string, EmbedderSpec>;
  providers: ProviderRegistry;
  tally: CallTally;
  isCached: (key: string) => boolean;
  statisticsOf: (need: IndexNeed) => Promise<ChunkStatistics>;
}

/** The content key of a need's index, as the engine computes it. */
export function keyOfNeed(
  corpus: Corpus,
  embedders: ReadonlyMap<string, EmbedderSpec>,
  need: IndexNeed,
): string {
  const embedder =
    need.embedder === BM25_EMBEDDER
      ? BM25_EMBEDDER
      : embedders.get(need.embedder);
  if (embedder === undefined) {
    throw new Error(`embedder ${need.embedder} was not resolved`);
  }
  return indexKey(corpus.contentHash, need.chunking, embedder);
}

/**
 * The index stage: each index is reused from the cache or built; a build
 * with a remote embedder sends every chunk, `maxBatchSize` texts a call.
 */
export async function planIndex(
  planning: IndexPlanning,
  need: IndexNeed,
): Promise<PlannedIndex> {
  const key = keyOfNeed(planning.corpus, planning.embedders, need);
  const isCached = planning.isCached(key);
  const statistics = await planning.statisticsOf(need);
  const spec = planning.embedders.get(need.embedder);
  const isBilled = !isCached && !isLocalEmbedder(need.embedder);
  const embeddingTokens =
    isBilled && spec !== undefined
      ? await tallyIndexEmbedding(planning, spec, statistics.chunkTokens)
      : 0;
  return {
    key,
    description: `${describeChunking(need.chunking)} · ${need.embedder}`,
    isCached,
    chunkCount: statistics.chunks.length,
    embeddingTokens,
  };
}

/** Adds the build's embedding calls; returns the tokens they send. */
async function tallyIndexEmbedding(
  planning: IndexPlanning,
  spec: EmbedderSpec,
  chunkTokens: readonly number[],
): Promise<number> {
  // Creating a model only reads its settings; nothing is sent.
  const model = await planning.providers.createEmbeddingModel(spec);
  const batchSize = Math.max(1, Math.floor(model.maxBatchSize));
  const target = {
    provider: model.provider,
    modelId: model.modelId,
    kind: "embedding" as const,
    purpose: "system" as const,
  };
  let total = 0;
  for (let start = 0; start < chunkTokens.length; start += batchSize) {
    const inputTokens = sumOf(chunkTokens.slice(start, start + batchSize));
    planning.tally.addCall(target, { inputTokens, outputTokens: 0 });
    total += inputTokens;
  }
  return total;
}

function sumOf(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
