/** How an offline evaluator is described; the contract lives in the spec. */
export type { EvaluatorSpec as OfflineEvaluatorSpec } from "../../spec/experiment.js";
