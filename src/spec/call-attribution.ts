/**
 * What a provider call is for: `system` calls are the system under test
 * (generation, retrieval, index builds); `evaluation` calls are made while
 * scoring it (a judge model, embeddings for semantic similarity). Costs of
 * the two are reported apart.
 */
export type CallPurpose = "system" | "evaluation";

/**
 * Which case a provider call serves. The engine sets it on requests so its
 * records can say which cell and question spent what; providers and
 * indexes pass it along untouched and never act on it.
 */
export interface CallAttribution {
  /** `null` for calls that serve many cells, such as index builds. */
  cellKey: string | null;
  questionId: string | null;
  /** Which try of the call this is, from 1. @default 1 */
  attempt?: number;
  /** @default "system" */
  purpose?: CallPurpose;
}
