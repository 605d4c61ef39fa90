import type { EvaluatorSpec } from "../../spec/experiment.js";

/** How an offline evaluator is described; the contract lives in the spec. */
export type OfflineEvaluatorSpec = Exclude<
  EvaluatorSpec,
  { kind: "semantic_similarity" | "judge" | "rubric" }
>;
