import { FmopsError } from "../errors/index.js";

/**
 * Refuses a list holding NaN or an infinity: one such value would turn
 * every mean and interval into NaN without saying where it came from.
 *
 * @throws FmopsError (`USAGE`) naming the list, the index and the value.
 */
export function checkFiniteValues(
  values: readonly number[],
  listName: string,
): void {
  const index = values.findIndex((value) => !Number.isFinite(value));
  if (index === -1) return;
  throw new FmopsError(
    "USAGE",
    `${listName}[${index}]: expected a finite number, got ${String(values[index])}`,
  );
}
