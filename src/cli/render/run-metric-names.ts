import type { RunRecord } from "../../spec/records.js";

/** A recorded run's metric names, in its leaderboard's order. */
export function runMetricNames(run: Pick<RunRecord, "configJson">): string[] {
  const config = JSON.parse(run.configJson) as { evaluators?: unknown };
  return Array.isArray(config.evaluators)
    ? config.evaluators.filter(
        (name): name is string => typeof name === "string",
      )
    : [];
}
