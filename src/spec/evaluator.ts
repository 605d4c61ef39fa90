import type { ChatModel } from "./chat-model.js";
import type { Question } from "./dataset.js";
import type { EmbeddingModel } from "./embedding-model.js";
import type { EmbedderSpec } from "./experiment.js";
import type { SearchHit } from "./search-index.js";

/**
 * Models an evaluator may call while scoring one case. The engine hands
 * out fresh ones per case: every call made through them is recorded as an
 * `evaluation` call of that (cell, question), scheduled, retried, cached
 * and priced like any other call, and its usage is added to the case's
 * evaluation figures, never to the system's own.
 */
export interface EvaluationTools {
  /** The judge chat model; `null` when the experiment has no `judge:`. */
  judge: ChatModel | null;
  /** The embedding model an evaluator's spec names. */
  embedder(spec: EmbedderSpec): Promise<EmbeddingModel>;
}

/** Everything an evaluator may look at for one (cell, question) case. */
export interface EvaluationCase {
  /** Key of the cell being scored. */
  cellKey: string;
  question: Question;
  /** The generated answer; `null` for retrieval-only cells. */
  answer: string | null;
  /** Retrieved chunks, best first. */
  hits: SearchHit[];
  /** Distinct document ids of `hits`, in first-seen rank order. */
  retrievedDocumentIds: string[];
  tools: EvaluationTools;
}

/**
 * A case the evaluator could not score, and why ("no reference answer",
 * "judge reply was not valid JSON after 2 tries"). It is stored as
 * unscored with its reason: it counts in no mean, never as 0.
 */
export interface Unscored {
  score: null;
  reason: string;
}

/**
 * What scoring one case gives: a score in [0, 1]; `null` when the metric
 * does not apply to the case; or `Unscored` with the reason.
 */
export type EvaluationResult = number | null | Unscored;

/** Scores one case. */
export interface Evaluator {
  /** Metric name as written in the experiment file, e.g. `ndcg@10`. */
  readonly name: string;
  /** What the metric needs; cells without it leave the metric unscored. */
  readonly needs: "answer" | "retrieval";
  /**
   * Scores the case, at once or asynchronously (judge evaluators call a
   * model). A judge evaluator reports a failed call or an unusable reply
   * as `Unscored`; a thrown error fails the whole case.
   */
  evaluate(input: EvaluationCase): EvaluationResult | Promise<EvaluationResult>;
}
