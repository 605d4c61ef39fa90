import { InvalidArgumentError } from "commander";
import type { GateCellScope, GateSpec } from "../../spec/experiment.js";

/** A `METRIC=VALUE` flag such as `--min token_f1=0.6`. */
export interface MetricBound {
  metric: string;
  value: number;
}

/** Flags of `fmops gate` that add gates to the run's own. */
export interface GateFlags {
  min: MetricBound[];
  max: MetricBound[];
  maxDrop: MetricBound[];
  significantDrop: string[];
  /** `best`, `all`, or a cell key prefix or label. */
  cell: string;
}

/** Commander parser of a repeatable `METRIC=VALUE` flag. */
export function collectMetricBound(
  written: string,
  previous: MetricBound[] = [],
): MetricBound[] {
  const separator = written.lastIndexOf("=");
  const metric = written.slice(0, separator).trim();
  const valueText = written.slice(separator + 1).trim();
  const value = Number(valueText);
  if (separator < 0 || metric === "") {
    throw new InvalidArgumentError(
      `expected METRIC=VALUE such as token_f1=0.6, got "${written}"`,
    );
  }
  if (valueText === "" || !Number.isFinite(value)) {
    throw new InvalidArgumentError(
      `expected a number after "${metric}=", got "${valueText}"`,
    );
  }
  return [...previous, { metric, value }];
}

/** Commander parser of a repeatable `--max-drop METRIC=VALUE`. */
export function collectMetricDrop(
  written: string,
  previous: MetricBound[] = [],
): MetricBound[] {
  const bounds = collectMetricBound(written, previous);
  const drop = bounds.at(-1);
  if (drop !== undefined && drop.value < 0) {
    throw new InvalidArgumentError(
      `expected a drop ≥ 0 after "${drop.metric}=", got ${drop.value}`,
    );
  }
  return bounds;
}

/** Commander parser of a repeatable flag naming a metric. */
export function collectMetric(
  written: string,
  previous: string[] = [],
): string[] {
  const metric = written.trim();
  if (metric === "") {
    throw new InvalidArgumentError("expected a metric name such as token_f1");
  }
  return [...previous, metric];
}

/** One gate per flag, all on the `--cell` scope. */
export function flagGates(flags: GateFlags): GateSpec[] {
  const scope = toScope(flags.cell);
  const gate = (metric: string, rule: Partial<GateSpec>): GateSpec => ({
    metric,
    min: null,
    max: null,
    maxDrop: null,
    isSignificantDropFailing: false,
    scope,
    ...rule,
  });
  return [
    ...flags.min.map(({ metric, value }) => gate(metric, { min: value })),
    ...flags.max.map(({ metric, value }) => gate(metric, { max: value })),
    ...flags.maxDrop.map(({ metric, value }) =>
      gate(metric, { maxDrop: value }),
    ),
    ...flags.significantDrop.map((metric) =>
      gate(metric, { isSignificantDropFailing: true }),
    ),
  ];
}

function toScope(cell: string): GateCellScope {
  const written = cell.trim();
  return written === "best" || written === "all" ? written : { cell: written };
}
