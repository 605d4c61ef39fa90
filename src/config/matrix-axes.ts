import type { ChunkingSpec } from "../spec/chunk.js";
import type {
  CellParams,
  ModelSpec,
  PromptSpec,
  RetrievalMode,
} from "../spec/experiment.js";

/** A list with at least one item. */
export type NonEmptyList<Item> = [Item, ...Item[]];

/** The resolved values of each axis of the matrix, in the order written. */
export interface MatrixAxes {
  chunking: NonEmptyList<ChunkingSpec>;
  /** `[null]` when no embedder is needed (every retrieval mode is bm25). */
  embedder: NonEmptyList<string | null>;
  topK: NonEmptyList<number>;
  retrieval: NonEmptyList<RetrievalMode>;
  /** `[null]` for retrieval-only experiments. */
  model: NonEmptyList<ModelSpec | null>;
  /** `[null]` for retrieval-only experiments. */
  prompt: NonEmptyList<PromptSpec | null>;
}

/**
 * An exclude rule: a partial cell. It removes every cell whose parameters
 * equal all the values it gives; chunking matches on the sub-fields given.
 */
export interface CellPattern {
  chunking?: Partial<ChunkingSpec>;
  embedder?: string;
  topK?: number;
  retrieval?: RetrievalMode;
  /** Model alias, as declared under `models:`. */
  model?: string;
  /** Prompt id: the path as written, or `builtin:NAME`. */
  prompt?: string;
}

/** An extra cell; axes it leaves out take the first value of each axis. */
export type CellOverride = Partial<CellParams>;

/** The `exclude` and `include` sections, resolved. */
export interface MatrixRules {
  exclude: CellPattern[];
  include: CellOverride[];
}
