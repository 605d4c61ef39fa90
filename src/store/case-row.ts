import type { CaseRecord } from "../spec/records.js";
import { parseJsonColumn } from "./parse-json-column.js";

/** A `cases` row as SQLite returns it. */
export interface CaseRow {
  run_id: string;
  cell_key: string;
  question_id: string;
  question: string;
  answer: string | null;
  retrieved_chunk_ids_json: string;
  retrieved_document_ids_json: string;
  retrieval_latency_ms: number;
  generation_latency_ms: number | null;
  latency_ms: number;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number | null;
  error: string | null;
  /** 1 when the answer came from the response cache, else 0. */
  is_cached: number;
  evaluation_input_tokens: number;
  evaluation_output_tokens: number;
  evaluation_cost_usd: number | null;
}

/** A `scores` row: one metric's value for one case. */
export interface ScoreRow {
  run_id: string;
  cell_key: string;
  question_id: string;
  metric: string;
  value: number | null;
  /** Why the metric is unscored, when an evaluator said. */
  reason: string | null;
}

/** The columns that name one case. */
export type CaseKey = Pick<CaseRow, "run_id" | "cell_key" | "question_id">;

export function toCaseRow(record: CaseRecord): CaseRow {
  return {
    run_id: record.runId,
    cell_key: record.cellKey,
    question_id: record.questionId,
    question: record.question,
    answer: record.answer,
    retrieved_chunk_ids_json: JSON.stringify(record.retrievedChunkIds),
    retrieved_document_ids_json: JSON.stringify(record.retrievedDocumentIds),
    retrieval_latency_ms: record.retrievalLatencyMs,
    generation_latency_ms: record.generationLatencyMs,
    latency_ms: record.latencyMs,
    input_tokens: record.inputTokens,
    output_tokens: record.outputTokens,
    cost_usd: record.costUsd,
    error: record.error,
    is_cached: record.isCached ? 1 : 0,
    evaluation_input_tokens: record.evaluationInputTokens,
    evaluation_output_tokens: record.evaluationOutputTokens,
    evaluation_cost_usd: record.evaluationCostUsd,
  };
}

export function toCaseKey(record: CaseRecord): CaseKey {
  return {
    run_id: record.runId,
    cell_key: record.cellKey,
    question_id: record.questionId,
  };
}

export function toScoreRows(record: CaseRecord): ScoreRow[] {
  return Object.entries(record.scores).map(([metric, value]) => ({
    run_id: record.runId,
    cell_key: record.cellKey,
    question_id: record.questionId,
    metric,
    value,
    reason: record.unscoredReasons[metric] ?? null,
  }));
}

/** A case's scores and the reasons of its unscored metrics. */
export interface CaseScores {
  scores: Record<string, number | null>;
  unscoredReasons: Record<string, string>;
}

export function fromCaseRow(
  row: CaseRow,
  { scores, unscoredReasons }: CaseScores,
): CaseRecord {
  return {
    runId: row.run_id,
    cellKey: row.cell_key,
    questionId: row.question_id,
    question: row.question,
    answer: row.answer,
    retrievedChunkIds: parseIds(row, "retrieved_chunk_ids_json"),
    retrievedDocumentIds: parseIds(row, "retrieved_document_ids_json"),
    retrievalLatencyMs: row.retrieval_latency_ms,
    generationLatencyMs: row.generation_latency_ms,
    latencyMs: row.latency_ms,
    inputTokens: row.input_tokens,
    outputTokens: row.output_tokens,
    costUsd: row.cost_usd,
    error: row.error,
    isCached: row.is_cached === 1,
    scores,
    unscoredReasons,
    evaluationInputTokens: row.evaluation_input_tokens,
    evaluationOutputTokens: row.evaluation_output_tokens,
    evaluationCostUsd: row.evaluation_cost_usd,
  };
}

/** A string that names one case, for grouping scores by case. */
export function caseKeyText(key: CaseKey): string {
  return JSON.stringify([key.cell_key, key.question_id]);
}

function parseIds(
  row: CaseRow,
  column: "retrieved_chunk_ids_json" | "retrieved_document_ids_json",
): string[] {
  return parseJsonColumn<string[]>(row[column], {
    table: "cases",
    column,
    rowKey: `${row.run_id}/${row.cell_key}/${row.question_id}`,
  });
}
