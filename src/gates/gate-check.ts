/** The kinds of rule a gate may carry. */
export type GateRule = "min" | "max" | "max_drop" | "significant_drop";

/** One rule of one gate checked on one cell: a row of `fmops gate`. */
export interface GateCheck {
  metric: string;
  rule: GateRule;
  /** `best`, `all`, or the cell reference the gate was given. */
  scope: string;
  /** `null` when the scope found no cell to check. */
  cellKey: string | null;
  cellLabel: string | null;
  /** The rule's number (min, max or largest drop); `null` for a test. */
  bound: number | null;
  /** The cell's value; for a test, its mean over the paired questions. */
  value: number | null;
  /** The baseline cell's value, for rules against a baseline. */
  baselineValue: number | null;
  /** The paired test's p-value, for `significant_drop`. */
  pValue: number | null;
  isPassing: boolean;
  /** Why the check failed without a value to judge, or `null`. */
  reason: string | null;
}

/** What a gated run's checks add up to. */
export type GateVerdict = "pass" | "fail";

export function gateVerdict(checks: readonly GateCheck[]): GateVerdict {
  return checks.every((check) => check.isPassing) ? "pass" : "fail";
}
