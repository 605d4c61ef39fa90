import { FmopsError } from "../errors/index.js";

/** Rejects a `topK` that is not a whole number of at least 0. */
export function assertTopK(topK: number): void {
  if (Number.isInteger(topK) && topK >= 0) return;
  throw new FmopsError(
    "USAGE",
    `topK must be a whole number of at least 0, got ${String(topK)}`,
  );
}
