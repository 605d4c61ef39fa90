import {
  METRIC_NAME_HELP,
  type ParsedMetricName,
  parseMetricName,
} from "../evaluation/metric-name.js";
import type { Resolution } from "./resolution.js";

/** What the evaluators depend on elsewhere in the experiment. */
export interface EvaluatorNeeds {
  /** True when some cell generates answers (a model axis or include). */
  hasModels: boolean;
  /** The deepest retrieval of any cell. */
  maxTopK: number;
}

/**
 * Checks metric names and that the experiment produces what each metric
 * scores. Repeated names are kept once, in first-seen order.
 */
export function resolveEvaluators(
  names: string[],
  needs: EvaluatorNeeds,
  resolution: Resolution,
): string[] {
  const accepted: string[] = [];
  names.forEach((name, index) => {
    const metric = checkMetric(name, index, needs, resolution);
    if (metric === null) return;
    if (accepted.includes(name)) {
      resolution.warn(`evaluator ${name} is listed twice; it is scored once`);
      return;
    }
    warnIfDeeperThanRetrieval(name, metric, needs, resolution);
    accepted.push(name);
  });
  return accepted;
}

function checkMetric(
  name: string,
  index: number,
  needs: EvaluatorNeeds,
  resolution: Resolution,
): ParsedMetricName | null {
  const metric = parseMetricName(name);
  if (metric === null) {
    resolution.report(["evaluators", index], `one of ${METRIC_NAME_HELP}`);
    return null;
  }
  if (metric.kind === "answer" && !needs.hasModels) {
    resolution.report(
      ["evaluators", index],
      `a retrieval metric; ${name} needs generated answers: add a model ` +
        "to the matrix",
    );
    return null;
  }
  return metric;
}

function warnIfDeeperThanRetrieval(
  name: string,
  metric: ParsedMetricName,
  needs: EvaluatorNeeds,
  resolution: Resolution,
): void {
  if (metric.kind !== "retrieval" || metric.cutoff <= needs.maxTopK) return;
  resolution.warn(
    `${name} looks deeper than the largest top_k (${needs.maxTopK}); ` +
      "documents past that rank count as not retrieved",
  );
}
