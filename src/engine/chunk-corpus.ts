import type { Chunk, Chunker } from "../spec/chunk.js";
import type { Corpus } from "../spec/dataset.js";

/** Every document's chunks, in corpus order. */
export async function chunkCorpus(
  corpus: Corpus,
  chunker: Chunker,
): Promise<Chunk[]> {
  const chunks: Chunk[] = [];
  for (const document of corpus.documents) {
    chunks.push(...(await chunker.split(document)));
  }
  return chunks;
}
