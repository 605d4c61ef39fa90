import { parseAnswerJson } from "./parse-answer-json.js";

/**
 * 1 when the answer is valid JSON, on its own or inside a ```json fenced
 * block, else 0.
 */
export function jsonValidity(answer: string): number {
  return parseAnswerJson(answer).isJson ? 1 : 0;
}
