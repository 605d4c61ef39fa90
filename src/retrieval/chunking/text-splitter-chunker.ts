import type { TextSplitter } from "@langchain/textsplitters";
import type {
  Chunk,
  Chunker,
  ChunkingSpec,
  CorpusDocument,
} from "../../spec/index.js";
import { toChunks } from "./to-chunks.js";

/** A chunker that cuts each document with a LangChain text splitter. */
export class TextSplitterChunker implements Chunker {
  readonly spec: ChunkingSpec;
  readonly #splitter: TextSplitter;

  constructor(spec: ChunkingSpec, splitter: TextSplitter) {
    this.spec = spec;
    this.#splitter = splitter;
  }

  async split(document: CorpusDocument): Promise<Chunk[]> {
    const texts = await this.#splitter.splitText(document.text);
    return toChunks(document.id, texts);
  }
}
