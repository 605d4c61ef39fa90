import { readAnswerObject } from "../module/read-answer-object.js";
import type { AnswerReading } from "../module/reported-answer.js";

/**
 * Reads what an `exec` program printed: one JSON object
 * `{ text, usage? }`. Plain text is refused rather than taken as the
 * answer, so a stray log line never ends up scored as one.
 */
export function parseExecOutput(stdout: string): AnswerReading {
  const trimmed = stdout.trim();
  if (trimmed === "") return { isReadable: false, problem: "stdout is empty" };
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch {
    return { isReadable: false, problem: "stdout is not JSON" };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { isReadable: false, problem: "stdout is JSON but not an object" };
  }
  return readAnswerObject(value);
}
