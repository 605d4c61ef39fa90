import { InvalidArgumentError } from "commander";

/** Commander parser for options such as `--concurrency 8`. */
export function parsePositiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) {
    throw new InvalidArgumentError(
      `expected a whole number ≥ 1, got "${value}"`,
    );
  }
  return parsed;
}

/** Commander parser for options such as `--latency-ms 0`. */
export function parseWholeNumber(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) {
    throw new InvalidArgumentError(
      `expected a whole number ≥ 0, got "${value}"`,
    );
  }
  return parsed;
}

/** Commander parser for a share such as `--fault-rate 0.2`. */
export function parseShare(value: string): number {
  const parsed = Number(value);
  if (
    value.trim() === "" ||
    !Number.isFinite(parsed) ||
    parsed < 0 ||
    parsed > 1
  ) {
    throw new InvalidArgumentError(
      `expected a number from 0 to 1, got "${value}"`,
    );
  }
  return parsed;
}

/** Commander parser for a comma-separated list drawn from `allowed`. */
export function parseListOf<const Allowed extends string>(
  allowed: readonly Allowed[],
) {
  return (value: string): Allowed[] => {
    const items = value
      .split(",")
      .map((item) => item.trim())
      .filter((item) => item !== "");
    const unknown = items.filter((item) => !allowed.includes(item as Allowed));
    if (items.length === 0 || unknown.length > 0) {
      throw new InvalidArgumentError(
        `expected a comma-separated list of ${allowed.join(", ")}, got "${value}"`,
      );
    }
    return items as Allowed[];
  };
}

/** Commander parser for an amount of money such as `--max-cost 2.50`. */
export function parsePositiveUsd(value: string): number {
  const parsed = Number(value.replace(/^\$/, ""));
  if (value.trim() === "" || !Number.isFinite(parsed) || parsed <= 0) {
    throw new InvalidArgumentError(
      `expected an amount of US dollars above 0 such as 2.50, got "${value}"`,
    );
  }
  return parsed;
}

/** Commander collector for an option that may be given several times. */
export function collectValues(
  value: string,
  previous: string[] | undefined,
): string[] {
  return [...(previous ?? []), value];
}
