import type { ExperimentInput } from "./experiment-input.js";

/** The run's cost limit in USD; `null` when the file sets none. */
export function resolveBudget(input: ExperimentInput["budget"]): number | null {
  return input?.max_cost_usd ?? null;
}
