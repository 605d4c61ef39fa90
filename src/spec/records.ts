import type { CallPurpose } from "./call-attribution.js";
import type { CellParams } from "./experiment.js";

/**
 * `stopped`: the run reached its cost budget; `interrupted`: the user
 * stopped it. Both, like `failed`, can be resumed.
 */
export type RunStatus =
  | "running"
  | "completed"
  | "failed"
  | "interrupted"
  | "stopped";

export interface RunRecord {
  id: string;
  experimentName: string;
  experimentPath: string;
  /** The resolved configuration as JSON. */
  configJson: string;
  configHash: string;
  datasetHash: string;
  gitCommit: string | null;
  fmopsVersion: string;
  /** ISO 8601. */
  startedAt: string;
  endedAt: string | null;
  status: RunStatus;
  /** Why the run failed, was interrupted or stopped. */
  statusReason: string | null;
  warnings: string[];
  /** Index, timing and count figures, set when the run ends. */
  summary: RunSummary | null;
}

export interface RunSummary {
  cellCount: number;
  caseCount: number;
  errorCount: number;
  /** The most frequent case errors, most frequent first (at most 3). */
  commonErrors: Array<{ message: string; count: number }>;
  indexesBuilt: number;
  indexesReused: number;
  indexBuildMs: number;
  durationMs: number;
  /** Spent on provider calls; `null` when some call's price was unknown. */
  costUsd: number | null;
}

export interface CellRecord {
  runId: string;
  key: string;
  label: string;
  params: CellParams;
}

export interface CaseRecord {
  runId: string;
  cellKey: string;
  questionId: string;
  question: string;
  /** `null` for retrieval-only cells and for failed cases. */
  answer: string | null;
  retrievedChunkIds: string[];
  retrievedDocumentIds: string[];
  retrievalLatencyMs: number;
  generationLatencyMs: number | null;
  /** Retrieval plus generation. */
  latencyMs: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number | null;
  /** Error message when the case failed; its scores are then absent. */
  error: string | null;
  /**
   * True when the answer came from the response cache; latency and tokens
   * are then those of the original call, so statistics stay true.
   */
  isCached: boolean;
  /** Each metric's score; `null` when the case could not be scored. */
  scores: Record<string, number | null>;
  /** Why a metric is unscored, by metric name, where an evaluator said. */
  unscoredReasons: Record<string, string>;
  /**
   * Tokens and cost of the calls made to score the case (judge and
   * evaluation embeddings); kept apart from the system's own figures
   * above. The cost is `null` when some call's price was unknown.
   */
  evaluationInputTokens: number;
  evaluationOutputTokens: number;
  evaluationCostUsd: number | null;
}

export type CallKind = "chat" | "embedding";

/** One provider call, including calls made while building an index. */
export interface CallRecord {
  runId: string;
  /** `null` for calls that serve many cells, such as index builds. */
  cellKey: string | null;
  questionId: string | null;
  kind: CallKind;
  provider: string;
  modelId: string;
  /** ISO 8601. */
  startedAt: string;
  latencyMs: number;
  timeToFirstTokenMs: number | null;
  inputTokens: number;
  outputTokens: number;
  costUsd: number | null;
  status: "ok" | "error";
  errorMessage: string | null;
  /** ProviderErrorClass of a failed call (`rate_limit`, `timeout`…). */
  errorClass: string | null;
  /** 1 for the first try. */
  attempt: number;
  /** Whether the call served the system under test or its scoring. */
  purpose: CallPurpose;
}

export interface LatencyPercentiles {
  p50: number;
  p95: number;
  p99: number;
}

/** Aggregates of one cell, computed when its last case ends. */
export interface CellSummary {
  cellKey: string;
  label: string;
  params: CellParams;
  caseCount: number;
  errorCount: number;
  /** Mean of each metric over scored cases; `null` when none was scored. */
  metrics: Record<string, number | null>;
  /** How many cases each metric scored. */
  scoredCounts: Record<string, number>;
  /**
   * How many cases that ran without error each metric left unscored (a
   * judge reply that could not be used, no reference answer…).
   */
  unscoredCounts: Record<string, number>;
  /**
   * 95% interval of each metric's mean: a seeded percentile bootstrap over
   * the scored cases (2,000 resamples); `null` when none was scored.
   */
  intervals: Record<string, { low: number; high: number } | null>;
  latencyMs: LatencyPercentiles;
  inputTokens: number;
  outputTokens: number;
  /** `null` when any call's price was unknown. */
  costUsd: number | null;
  /**
   * Spent on scoring (judge calls, evaluation embeddings), apart from
   * `costUsd`; `null` when any such call's price was unknown.
   */
  evaluationCostUsd: number | null;
}
