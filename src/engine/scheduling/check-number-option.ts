import { describeValue } from "../../data/describe-value.js";
import { FmopsError } from "../../errors/fmops-error.js";

/** What a numeric scheduling option must be. */
export interface NumberRule {
  minimum: number;
  /** Whether fractions are refused (counts such as attempts or slots). */
  isWhole?: boolean;
}

/**
 * Returns `value` when it is a finite number that meets `rule`; otherwise
 * throws an error naming the option, the rule and the value received. The
 * experiment schema checks these first, so this guards programmatic use.
 */
export function checkNumberOption(
  fieldPath: string,
  value: unknown,
  rule: NumberRule,
): number {
  const isNumber = typeof value === "number" && Number.isFinite(value);
  const isWholeEnough = !rule.isWhole || Number.isInteger(value);
  if (isNumber && isWholeEnough && value >= rule.minimum) return value;

  const kind = rule.isWhole ? "a whole number" : "a number";
  throw new FmopsError(
    "CONFIG_INVALID",
    `${fieldPath}: expected ${kind} of at least ${rule.minimum}, ` +
      `got ${describeValue(value)}`,
  );
}
