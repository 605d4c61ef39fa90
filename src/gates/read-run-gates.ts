import { z } from "zod";
import { FmopsError } from "../errors/fmops-error.js";
import type { GateSpec } from "../spec/experiment.js";
import type { RunRecord } from "../spec/records.js";

const bound = z.number("a number or null").nullable();

/** A gate as a run's resolved configuration stores it. */
const storedGateSchema = z.object(
  {
    metric: z.string("a metric name"),
    min: bound,
    max: bound,
    maxDrop: bound,
    isSignificantDropFailing: z.boolean("true or false"),
    scope: z.union(
      [
        z.enum(["best", "all"]),
        z.object({ cell: z.string("a cell key prefix or label") }),
      ],
      '"best", "all" or { cell }',
    ),
  },
  "a gate mapping",
);

/** The gates of a run's resolved configuration. */
export const storedGatesSchema = z.array(storedGateSchema, "a list of gates");

/**
 * The gates stored with a run's resolved configuration. Runs recorded
 * before gates existed have none; gates that are not what fmops stores
 * (an edited or hand-written import) are refused, naming the first flaw.
 */
export function readRunGates(
  run: Pick<RunRecord, "id" | "configJson">,
): GateSpec[] {
  const config = JSON.parse(run.configJson) as { gates?: unknown };
  if (config.gates === undefined) return [];
  const parsed = storedGatesSchema.safeParse(config.gates);
  if (parsed.success) return parsed.data;
  const [issue] = parsed.error.issues;
  const field = ["gates", ...(issue?.path ?? [])].join(".");
  throw new FmopsError(
    "USAGE",
    `run ${run.id}: its stored configuration has a malformed ${field}: expected ${issue?.message ?? "a gate"}`,
  );
}
