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
