import type {
  Chunk,
  Chunker,
  ChunkingSpec,
  CorpusDocument,
} from "../../spec/index.js";
import { toChunks } from "./to-chunks.js";

/**
 * The `none` strategy: each document is one chunk, however long; a
 * document of only whitespace gives no chunk.
 */
export class WholeDocumentChunker implements Chunker {
  readonly spec: ChunkingSpec;

  constructor(spec: ChunkingSpec) {
    this.spec = spec;
  }

  async split(document: CorpusDocument): Promise<Chunk[]> {
    return toChunks(document.id, [document.text]);
  }
}
