import { chunkCorpus } from "../engine/chunk-corpus.js";
import { formatContext } from "../engine/render-prompt.js";
import { createChunker } from "../retrieval/chunking/create-chunker.js";
import type { Chunk, ChunkingSpec } from "../spec/chunk.js";
import type { Corpus } from "../spec/dataset.js";
import { meanOf } from "../statistics/mean-of.js";
import { countTokens } from "../util/count-tokens.js";

/** What planning needs to know about the chunks of one chunking. */
export interface ChunkStatistics {
  chunks: Chunk[];
  /** Tokens of each chunk's text, in chunk order. */
  chunkTokens: number[];
  /**
   * Mean tokens one chunk adds to a prompt as a numbered passage with its
   * document id, the way prompts show retrieved chunks.
   */
  meanPassageTokens: number;
}

/** Chunks the corpus with the real chunker and counts the tokens. */
export async function chunkStatistics(
  corpus: Corpus,
  chunking: ChunkingSpec,
): Promise<ChunkStatistics> {
  const chunks = await chunkCorpus(corpus, await createChunker(chunking));
  const chunkTokens = chunks.map((chunk) => countTokens(chunk.text));
  const passageTokens = chunks.map((chunk) =>
    countTokens(formatContext([{ ...chunk, chunkId: chunk.id, score: 0 }])),
  );
  return {
    chunks,
    chunkTokens,
    meanPassageTokens: chunks.length === 0 ? 0 : meanOf(passageTokens),
  };
}
