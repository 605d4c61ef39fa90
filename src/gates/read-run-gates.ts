import type { GateSpec } from "../spec/experiment.js";
import type { RunRecord } from "../spec/records.js";

/**
 * The gates stored with a run's resolved configuration. Runs recorded
 * before gates existed have none.
 */
export function readRunGates(run: Pick<RunRecord, "configJson">): GateSpec[] {
  const config = JSON.parse(run.configJson) as { gates?: unknown };
  return Array.isArray(config.gates) ? (config.gates as GateSpec[]) : [];
}
