import type { CallPurpose } from "../spec/call-attribution.js";
import type { CallKind } from "../spec/records.js";

/**
 * What `fmops plan` works out before a run: the work each stage will do,
 * what the caches already hold, and the calls, tokens and cost that are
 * left to pay for. Estimates, never calls: nothing here came from a model.
 */
export interface ExperimentPlan {
  experimentName: string;
  cellCount: number;
  questionCount: number;
  /** Cells × questions. */
  caseCount: number;
  indexes: PlannedIndex[];
  cells: PlannedCell[];
  /** One entry per provider, model, kind and purpose. */
  calls: CallEstimate[];
  /** How each chat model's reply length was estimated. */
  outputTokens: OutputTokenEstimate[];
  totals: PlanTotals;
  /** Assumptions worth telling, in plain words. */
  notes: string[];
}

/** One (chunking, embedder) index the cells need. */
export interface PlannedIndex {
  key: string;
  /** `recursive 600c/60 · local:bm25`. */
  description: string;
  /** Found complete in `${cacheDir}/indexes/`; no build needed. */
  isCached: boolean;
  chunkCount: number;
  /** Chunk tokens a remote embedder will be sent; 0 when cached or local. */
  embeddingTokens: number;
}

export interface PlannedCell {
  key: string;
  label: string;
  caseCount: number;
  /** Generation calls still to make (cases not in the response cache). */
  generationCalls: number;
  /** Cases the response cache answers; `null` when that cannot be known. */
  cachedResponses: number | null;
  /**
   * `retrieved`: prompts were rendered with the chunks a local retrieval
   * returns; `estimated`: with top_k passages of the mean chunk length,
   * because retrieving would call a remote embedder or build an index.
   */
  promptSource: "retrieved" | "estimated";
  /** Estimated prompt tokens of the cell's generation calls still to make. */
  inputTokens: number;
}

export interface CallEstimate {
  provider: string;
  modelId: string;
  kind: CallKind;
  purpose: CallPurpose;
  /** Calls the run will send. */
  calls: number;
  /** Calls the response cache answers instead (free, not sent). */
  cachedCalls: number;
  inputTokens: number;
  outputTokens: number;
  /** `null` when the price table does not know the model. */
  costUsd: number | null;
}

/** Where a chat model's expected reply length comes from. */
export type OutputTokenSource =
  | "recorded"
  | "reference answers"
  | "max_output_tokens"
  | "default";

export interface OutputTokenEstimate {
  /** `provider:model`. */
  model: string;
  tokensPerCall: number;
  source: OutputTokenSource;
}

export interface PlanTotals {
  calls: number;
  cachedCalls: number;
  inputTokens: number;
  outputTokens: number;
  /** `null` when some call's price is unknown: a partial sum would mislead. */
  costUsd: number | null;
}
