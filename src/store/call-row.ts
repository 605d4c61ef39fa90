import type { CallPurpose } from "../spec/call-attribution.js";
import type { CallKind, CallRecord } from "../spec/records.js";

/** A `calls` row as written; SQLite assigns the `id`. */
export interface CallRow {
  run_id: string;
  cell_key: string | null;
  question_id: string | null;
  kind: CallKind;
  provider: string;
  model_id: string;
  started_at: string;
  latency_ms: number;
  time_to_first_token_ms: number | null;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number | null;
  status: CallRecord["status"];
  error_message: string | null;
  error_class: string | null;
  attempt: number;
  purpose: CallPurpose;
}

export function toCallRow(record: CallRecord): CallRow {
  return {
    run_id: record.runId,
    cell_key: record.cellKey,
    question_id: record.questionId,
    kind: record.kind,
    provider: record.provider,
    model_id: record.modelId,
    started_at: record.startedAt,
    latency_ms: record.latencyMs,
    time_to_first_token_ms: record.timeToFirstTokenMs,
    input_tokens: record.inputTokens,
    output_tokens: record.outputTokens,
    cost_usd: record.costUsd,
    status: record.status,
    error_message: record.errorMessage,
    error_class: record.errorClass,
    attempt: record.attempt,
    purpose: record.purpose,
  };
}

export function fromCallRow(row: CallRow): CallRecord {
  return {
    runId: row.run_id,
    cellKey: row.cell_key,
    questionId: row.question_id,
    // CHECK constraints on `kind`, `status` and `purpose` keep them to the
    // known values.
    kind: row.kind,
    provider: row.provider,
    modelId: row.model_id,
    startedAt: row.started_at,
    latencyMs: row.latency_ms,
    timeToFirstTokenMs: row.time_to_first_token_ms,
    inputTokens: row.input_tokens,
    outputTokens: row.output_tokens,
    costUsd: row.cost_usd,
    status: row.status,
    errorMessage: row.error_message,
    errorClass: row.error_class,
    attempt: row.attempt,
    purpose: row.purpose,
  };
}
