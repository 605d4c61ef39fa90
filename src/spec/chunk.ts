import type { CorpusDocument } from "./dataset.js";

/** A piece of a document, the unit that is indexed and retrieved. */
export interface Chunk {
  /** `${documentId}#${index}`. */
  id: string;
  documentId: string;
  /** Position of the chunk within its document, from 0. */
  index: number;
  text: string;
}

/** How documents are cut into chunks; one value of the `chunking` axis. */
export interface ChunkingSpec {
  /**
   * - `recursive`: LangChain's recursive splitter (paragraphs, lines, words).
   * - `token`: fixed windows of `size` tokens with `overlap` tokens shared.
   * - `sentence`: whole sentences packed up to `size`.
   * - `none`: one chunk per document.
   */
  strategy: "recursive" | "token" | "sentence" | "none";
  /** Maximum chunk length in `unit`s. Ignored by `none`. */
  size: number;
  /** Length shared by consecutive chunks, in `unit`s. */
  overlap: number;
  /** How length is counted; `token` always counts tokens. */
  unit: "characters" | "tokens";
}

export interface Chunker {
  readonly spec: ChunkingSpec;
  split(document: CorpusDocument): Promise<Chunk[]>;
}
