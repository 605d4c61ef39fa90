/** The JSON value an answer holds, or why it holds none. */
export type AnswerJson = { isJson: true; value: unknown } | { isJson: false };

/** A ```json (or bare ```) fenced block; models often wrap JSON in one. */
const FENCED_BLOCK_PATTERN = /```(?:json)?[ \t]*\r?\n([\s\S]*?)\r?\n?```/i;

/**
 * Reads the JSON an answer holds: the whole answer (surrounding white space
 * ignored) or, failing that, the first fenced code block.
 */
export function parseAnswerJson(answer: string): AnswerJson {
  const whole = tryParseJson(answer);
  if (whole.isJson) return whole;
  const fenced = FENCED_BLOCK_PATTERN.exec(answer)?.[1];
  return fenced === undefined ? { isJson: false } : tryParseJson(fenced);
}

function tryParseJson(text: string): AnswerJson {
  try {
    return { isJson: true, value: JSON.parse(text) };
  } catch {
    return { isJson: false };
  }
}
