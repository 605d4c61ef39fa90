import type { ChunkingSpec } from "./chunk.js";

/** How chunks are ranked for a question; one value of the `retrieval` axis. */
export type RetrievalMode = "dense" | "bm25" | "hybrid";

/** A chat model as declared under `models:` in the experiment file. */
export interface ModelSpec {
  /** Name the matrix uses for this model. */
  alias: string;
  /** Provider name, e.g. `local`. */
  provider: string;
  /** Model id within the provider, e.g. `extractive`. */
  model: string;
  /** Generation parameters passed through to the provider. */
  temperature?: number;
  maxOutputTokens?: number;
}

/** A prompt template; `{{question}}` and `{{context}}` are filled per case. */
export interface PromptSpec {
  /** Path relative to the experiment file, or `builtin:NAME`. */
  id: string;
  template: string;
  /** sha256 of the template; prompts are versioned by content. */
  contentHash: string;
}

/** The parameters of one cell of the matrix. */
export interface CellParams {
  chunking: ChunkingSpec;
  /**
   * Embedder id such as `local:bm25` or `local:glove-100d`; `null` when the
   * retrieval mode does not use one (`bm25`).
   */
  embedder: string | null;
  topK: number;
  retrieval: RetrievalMode;
  /** `null` for retrieval-only experiments. */
  model: ModelSpec | null;
  /** `null` for retrieval-only experiments. */
  prompt: PromptSpec | null;
}

export interface Cell {
  /** Stable key: a hash of the canonical parameters. */
  key: string;
  /** Short human-readable name, e.g. `recursive/256t · bm25 · k3`. */
  label: string;
  params: CellParams;
}

export interface DatasetSpec {
  /** Absolute path: a folder of .md/.txt files, or a BEIR corpus.jsonl. */
  corpusPath: string;
  corpusFormat: "folder" | "beir";
  /** Absolute path to the questions file. */
  questionsPath: string;
  questionsFormat: "jsonl" | "csv" | "yaml" | "beir";
  /** BEIR qrels TSV; set exactly when `questionsFormat` is `beir`. */
  qrelsPath: string | null;
}

/** An experiment with defaults applied and paths resolved: what runs. */
export interface ResolvedExperiment {
  name: string;
  description: string | null;
  /** Absolute path of the experiment file. */
  sourcePath: string;
  /** sha256 of the canonical resolved configuration. */
  configHash: string;
  dataset: DatasetSpec;
  /** Cells after product, exclusions, inclusions and de-duplication. */
  cells: Cell[];
  /** Metric names, in the order the leaderboard shows them. */
  evaluators: string[];
  /** Most cases in flight at once. @default 8 */
  concurrency: number;
  /** Settings that were accepted but adjusted; stored with the run. */
  warnings: string[];
}
