import { FmopsError } from "../errors/fmops-error.js";

/**
 * A run id that sorts by start time and reads at a glance, such as
 * `20261203-171205-4f2a`: the UTC date and time to the second, then four hex
 * digits so that runs started in the same second still differ.
 *
 * @param random returns a number in [0, 1); injectable so tests are exact.
 */
export function createRunId(
  now: Date,
  random: () => number = Math.random,
): string {
  if (Number.isNaN(now.getTime())) {
    throw new FmopsError("USAGE", "Cannot make a run id from an invalid date");
  }
  const date = [
    now.getUTCFullYear(),
    pad(now.getUTCMonth() + 1, 2),
    pad(now.getUTCDate(), 2),
  ].join("");
  const time = [
    pad(now.getUTCHours(), 2),
    pad(now.getUTCMinutes(), 2),
    pad(now.getUTCSeconds(), 2),
  ].join("");
  return `${date}-${time}-${randomSuffix(random)}`;
}

const suffixRange = 0x10000;

function randomSuffix(random: () => number): string {
  const value = Math.floor(random() * suffixRange) % suffixRange;
  return value.toString(16).padStart(4, "0");
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}
