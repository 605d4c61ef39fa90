import { compareCells } from "../comparison/compare-cells.js";
import { FmopsError } from "../errors/fmops-error.js";
import type { GateCellScope, GateSpec } from "../spec/experiment.js";
import type { CellRecord, CellSummary } from "../spec/records.js";
import type { GateCheck, GateRule } from "./gate-check.js";
import { cellMetricValue, isHigherBetter } from "./gate-metrics.js";
import type { GatedRun } from "./gated-run.js";
import { describeCellMismatch, matchCells } from "./match-cells.js";

/** The run a gate's regression rules compare with, or why there is none. */
export type GateBaseline =
  | { run: GatedRun }
  | { run: null; missingReason: string };

// Means are sums of floating-point scores: 0.6 may come out as
// 0.59999999999. A bound is met when it is met to within this much.
const tolerance = 1e-9;

/**
 * Checks each rule of each gate on each cell its scope names, one check
 * per (rule, cell). A value that cannot be judged — a metric no case
 * scored, an unknown cost, a missing baseline — fails its check with the
 * reason, so a gate never passes for want of data.
 */
export function checkGates(
  gates: readonly GateSpec[],
  current: GatedRun,
  baseline: GateBaseline,
): GateCheck[] {
  return gates.flatMap((gate) =>
    scopeTargets(gate.scope, current).flatMap((target) =>
      rulesOf(gate).map(({ rule, bound }) =>
        checkRule({ gate, rule, bound, target, current, baseline }),
      ),
    ),
  );
}

/** A cell a gate checks, or why its scope found none. */
interface Target {
  scope: string;
  cell: CellRecord | null;
  summary: CellSummary | null;
  missingReason: string;
}

interface RuleContext {
  gate: GateSpec;
  rule: GateRule;
  bound: number | null;
  target: Target;
  current: GatedRun;
  baseline: GateBaseline;
}

/** How a scope is written in output: `best`, `all` or the reference. */
export function describeScope(scope: GateCellScope): string {
  return typeof scope === "string" ? scope : scope.cell;
}

function scopeTargets(scope: GateCellScope, current: GatedRun): Target[] {
  const written = describeScope(scope);
  if (scope === "all") {
    return current.cells.map((cell) => targetOf(written, cell, current));
  }
  if (scope === "best") {
    const best = current.cells.find((cell) => cell.key === current.bestCellKey);
    return [targetOf(written, best ?? null, current)];
  }
  const matches = matchCells(current.cells, scope.cell);
  const [only] = matches;
  if (only === undefined || matches.length > 1) {
    throw new FmopsError(
      "USAGE",
      `gate cell ${describeCellMismatch(scope.cell, matches.length)} in ` +
        `run ${current.run.id}; expected best, all, or a key prefix or ` +
        "label of one cell (see `fmops show`)",
    );
  }
  return [targetOf(written, only, current)];
}

function targetOf(
  scope: string,
  cell: CellRecord | null,
  run: GatedRun,
): Target {
  const summary =
    run.summaries.find((item) => item.cellKey === cell?.key) ?? null;
  const missingReason =
    cell === null ? "the run has no finished cell" : "the cell did not finish";
  return { scope, cell, summary, missingReason };
}

function rulesOf(
  gate: GateSpec,
): Array<{ rule: GateRule; bound: number | null }> {
  const rules: Array<{ rule: GateRule; bound: number | null }> = [];
  if (gate.min !== null) rules.push({ rule: "min", bound: gate.min });
  if (gate.max !== null) rules.push({ rule: "max", bound: gate.max });
  if (gate.maxDrop !== null) {
    rules.push({ rule: "max_drop", bound: gate.maxDrop });
  }
  if (gate.isSignificantDropFailing) {
    rules.push({ rule: "significant_drop", bound: null });
  }
  return rules;
}

function checkRule(context: RuleContext): GateCheck {
  const { gate, rule, bound, target } = context;
  const check: GateCheck = {
    metric: gate.metric,
    rule,
    scope: target.scope,
    cellKey: target.cell?.key ?? null,
    cellLabel: target.cell?.label ?? null,
    bound,
    value: null,
    baselineValue: null,
    pValue: null,
    isPassing: false,
    reason: null,
  };
  if (target.cell === null || target.summary === null) {
    return { ...check, reason: target.missingReason };
  }
  const value = cellMetricValue(target.summary, gate.metric);
  if (rule === "significant_drop") {
    return checkSignificantDrop(check, target.cell, context);
  }
  if (value === null) {
    return {
      ...check,
      reason: missingValueReason(target.summary, gate.metric),
    };
  }
  if (rule === "max_drop") return checkDrop({ ...check, value }, context);
  return { ...check, value, isPassing: isWithinBound(rule, value, bound) };
}

function isWithinBound(
  rule: GateRule,
  value: number,
  bound: number | null,
): boolean {
  if (bound === null) return false;
  return rule === "min"
    ? value >= bound - tolerance
    : value <= bound + tolerance;
}

function checkDrop(check: GateCheck, context: RuleContext): GateCheck {
  const found = findBaselineCell(context);
  if (typeof found === "string") return { ...check, reason: found };
  const baselineValue = cellMetricValue(found.summary, check.metric);
  if (baselineValue === null || check.value === null) {
    return {
      ...check,
      reason: `baseline: ${missingValueReason(found.summary, check.metric)}`,
    };
  }
  const worsening = isHigherBetter(check.metric)
    ? baselineValue - check.value
    : check.value - baselineValue;
  const bound = check.bound ?? 0;
  return { ...check, baselineValue, isPassing: worsening <= bound + tolerance };
}

function checkSignificantDrop(
  check: GateCheck,
  cell: CellRecord,
  context: RuleContext,
): GateCheck {
  const found = findBaselineCell(context);
  if (typeof found === "string") return { ...check, reason: found };
  const [comparison] = compareCells(
    found.run.casesOf(found.cell.key),
    context.current.casesOf(cell.key),
    [check.metric],
  );
  if (comparison === undefined) {
    return { ...check, reason: "no question was scored in both runs" };
  }
  const hasDropped = comparison.isSignificant && comparison.difference < 0;
  return {
    ...check,
    value: comparison.meanB,
    baselineValue: comparison.meanA,
    pValue: comparison.pValue,
    isPassing: !hasDropped,
  };
}

interface BaselineCell {
  run: GatedRun;
  cell: CellRecord;
  summary: CellSummary;
}

/**
 * The baseline's cell with the same key; for the `best` scope, the
 * baseline's best cell, so that a run whose best score fell is caught
 * even when another cell has become the best. A string says why there is
 * none.
 */
function findBaselineCell(context: RuleContext): BaselineCell | string {
  const { baseline, target } = context;
  if (baseline.run === null) return baseline.missingReason;
  const run = baseline.run;
  const key = target.scope === "best" ? run.bestCellKey : target.cell?.key;
  const cell = run.cells.find((item) => item.key === key);
  const summary = run.summaries.find((item) => item.cellKey === key);
  if (cell === undefined) {
    return `baseline run ${run.run.id} has no cell ${target.cell?.key ?? ""}`;
  }
  if (summary === undefined) {
    return `the cell did not finish in baseline run ${run.run.id}`;
  }
  return { run, cell, summary };
}

function missingValueReason(summary: CellSummary, metric: string): string {
  if (metric === "cost_usd") return "cost unknown: a call's price is missing";
  if (summary.caseCount === 0) return "the cell has no case";
  return "no case was scored";
}
