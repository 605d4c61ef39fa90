import Table from "cli-table3";
import type { GateCheck } from "../../gates/gate-check.js";
import { isRunFigure } from "../../gates/gate-metrics.js";
import { countOf } from "../../util/count-of.js";
import { formatMs, formatScore, formatUsd } from "../render/format-values.js";

/** The checks as a table, then a one-line verdict. */
export function renderGateChecks(
  checks: readonly GateCheck[],
  heading: string,
): string {
  const table = new Table({
    head: ["metric", "rule", "scope", "cell", "value", "baseline", "result"],
    style: { head: [], border: [], compact: true },
  });
  for (const check of checks) {
    table.push([
      check.metric,
      describeRule(check),
      check.scope,
      describeCell(check),
      formatGateValue(check.metric, check.value),
      formatGateValue(check.metric, check.baselineValue),
      describeResult(check),
    ]);
  }
  return `${heading}\n${table.toString()}\n${renderVerdict(checks)}\n`;
}

function renderVerdict(checks: readonly GateCheck[]): string {
  const failed = checks.filter((check) => !check.isPassing).length;
  const total = countOf(checks.length, "gate check");
  return failed === 0
    ? `PASS: all ${total} passed`
    : `FAIL: ${failed} of ${total} failed`;
}

function describeRule(check: GateCheck): string {
  const bound = formatGateValue(check.metric, check.bound);
  if (check.rule === "min") return `≥ ${bound}`;
  if (check.rule === "max") return `≤ ${bound}`;
  if (check.rule === "max_drop") {
    return `${isRunFigure(check.metric) ? "rise" : "drop"} ≤ ${bound}`;
  }
  return "no significant drop";
}

function describeCell(check: GateCheck): string {
  if (check.cellKey === null) return "–";
  return `${check.cellLabel ?? ""} (${check.cellKey})`;
}

function describeResult(check: GateCheck): string {
  const verdict = check.isPassing ? "pass" : "FAIL";
  if (check.reason !== null) return `${verdict}: ${check.reason}`;
  if (check.pValue === null) return verdict;
  return `${verdict} (p ${check.pValue < 0.001 ? "<0.001" : check.pValue.toFixed(3)})`;
}

/** A metric's value in its own unit: dollars, milliseconds or a score. */
function formatGateValue(metric: string, value: number | null): string {
  if (value === null) return "–";
  if (metric === "cost_usd") return formatUsd(value);
  if (metric.endsWith("_ms")) return `${formatMs(value)} ms`;
  return formatScore(value);
}
