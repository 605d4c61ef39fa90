import type { EvaluationTools } from "../spec/evaluator.js";

/** Tools of a case scored without models: no judge and no embedder. */
export const NO_EVALUATION_TOOLS: EvaluationTools = {
  judge: null,
  embedder: (spec) =>
    Promise.reject(new Error(`no embedder ${spec.id} in this test`)),
};
