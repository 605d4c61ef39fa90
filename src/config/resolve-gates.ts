import { gateMetricNames, isRunFigure } from "../gates/gate-metrics.js";
import { describeCellMismatch, matchCells } from "../gates/match-cells.js";
import type { Cell, GateCellScope, GateSpec } from "../spec/experiment.js";
import type { GateRuleInput } from "./experiment-input.js";
import type { Resolution } from "./resolution.js";

/** What gates are checked against. */
export interface GateTargets {
  /** The experiment's metric names. */
  evaluators: readonly string[];
  cells: readonly Cell[];
}

/**
 * Turns `gates:` into gate specs, in the order written: each metric must
 * be one the run will have, each `cell:` must name one cell, and a
 * significance test needs per-question scores.
 */
export function resolveGates(
  input: Record<string, GateRuleInput[]> | undefined,
  targets: GateTargets,
  resolution: Resolution,
): GateSpec[] {
  const known = gateMetricNames(targets.evaluators);
  return Object.entries(input ?? {}).flatMap(([metric, rules]) => {
    if (!known.includes(metric)) {
      resolution.report(
        ["gates", metric],
        `a gate on one of the metrics ${known.join(", ")}`,
        `"${metric}"`,
      );
      return [];
    }
    return rules.flatMap((rule, index) => {
      const gate = resolveRule(metric, rule, targets.cells, {
        report: (field, expected, received) =>
          resolution.report(
            ["gates", metric, index, field],
            expected,
            received,
          ),
      });
      return gate === null ? [] : [gate];
    });
  });
}

interface RuleReporter {
  report(field: string, expected: string, received?: string): void;
}

function resolveRule(
  metric: string,
  rule: GateRuleInput,
  cells: readonly Cell[],
  reporter: RuleReporter,
): GateSpec | null {
  const scope = resolveScope(rule.cell, cells, reporter);
  let isValid = scope !== null;
  if (rule.min !== undefined && rule.max !== undefined && rule.min > rule.max) {
    reporter.report("max", `a number ≥ min (${rule.min})`);
    isValid = false;
  }
  if (rule.significant_drop === true && isRunFigure(metric)) {
    reporter.report(
      "significant_drop",
      `a test on an evaluator score; for ${metric} use max_drop`,
    );
    isValid = false;
  }
  if (!isValid || scope === null) return null;
  return {
    metric,
    min: rule.min ?? null,
    max: rule.max ?? null,
    maxDrop: rule.max_drop ?? null,
    isSignificantDropFailing: rule.significant_drop === true,
    scope,
  };
}

function resolveScope(
  written: string | undefined,
  cells: readonly Cell[],
  reporter: RuleReporter,
): GateCellScope | null {
  const reference = written?.trim() ?? "best";
  if (reference === "best" || reference === "all") return reference;
  const matches = matchCells(cells, reference);
  if (matches.length === 1) return { cell: reference };
  reporter.report(
    "cell",
    `best, all, or a key prefix or label of one of the ${cells.length} cells`,
    describeCellMismatch(reference, matches.length),
  );
  return null;
}
