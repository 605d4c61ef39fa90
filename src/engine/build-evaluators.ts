import { createEvaluators } from "../evaluation/create-evaluators.js";
import {
  createModelEvaluator,
  isModelEvaluatorSpec,
} from "../evaluation/judge/create-model-evaluator.js";
import { createOfflineEvaluator } from "../evaluation/offline/create-offline-evaluator.js";
import type { Evaluator } from "../spec/evaluator.js";
import type { EvaluatorSpec, ResolvedExperiment } from "../spec/experiment.js";

/**
 * The experiment's evaluators in leaderboard order: built-in metrics by
 * name, the others from their specs (a module evaluator is imported here,
 * once, before any case runs; judge evaluators get the judge's settings).
 */
export function buildEvaluators(
  experiment: Pick<
    ResolvedExperiment,
    "evaluators" | "evaluatorSpecs" | "judge"
  >,
): Promise<Evaluator[]> {
  const specs = new Map(
    experiment.evaluatorSpecs.map((spec) => [spec.name, spec]),
  );
  return Promise.all(
    experiment.evaluators.map(async (name) => {
      const spec = specs.get(name);
      if (spec !== undefined) return buildFromSpec(spec, experiment.judge);
      const [evaluator] = createEvaluators([name]);
      if (evaluator === undefined) throw new Error(`no evaluator for ${name}`);
      return evaluator;
    }),
  );
}

function buildFromSpec(
  spec: EvaluatorSpec,
  judge: ResolvedExperiment["judge"],
): Evaluator | Promise<Evaluator> {
  if (isModelEvaluatorSpec(spec)) return createModelEvaluator(spec, judge);
  return createOfflineEvaluator(spec);
}
