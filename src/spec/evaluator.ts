import type { Question } from "./dataset.js";
import type { SearchHit } from "./search-index.js";

/** Everything an evaluator may look at for one (cell, question) case. */
export interface EvaluationCase {
  question: Question;
  /** The generated answer; `null` for retrieval-only cells. */
  answer: string | null;
  /** Retrieved chunks, best first. */
  hits: SearchHit[];
  /** Distinct document ids of `hits`, in first-seen rank order. */
  retrievedDocumentIds: string[];
}

/** Scores one case. */
export interface Evaluator {
  /** Metric name as written in the experiment file, e.g. `ndcg@10`. */
  readonly name: string;
  /** What the metric needs; cells without it leave the metric unscored. */
  readonly needs: "answer" | "retrieval";
  /** A score in [0, 1], or `null` when the case cannot be scored. */
  evaluate(input: EvaluationCase): number | null;
}
