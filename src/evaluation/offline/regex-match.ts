import { FmopsError } from "../../errors/index.js";

/** Tests answers against one pattern, compiled once. */
export type RegexMatcher = (answer: string) => number;

/**
 * A scorer giving 1 when the answer contains a match of `pattern` (use
 * `^…$` to demand the whole answer), else 0.
 *
 * @throws FmopsError (`CONFIG_INVALID`) when the pattern or flags are not
 * a valid JavaScript regular expression.
 */
export function createRegexMatcher(
  evaluatorName: string,
  pattern: string,
  flags: string,
): RegexMatcher {
  const expression = compilePattern(evaluatorName, pattern, flags);
  return (answer) => (expression.test(answer) ? 1 : 0);
}

function compilePattern(
  evaluatorName: string,
  pattern: string,
  flags: string,
): RegExp {
  // "g" and "y" make test() resume from the last match, so one answer's
  // result would depend on the answer scored before it.
  const statelessFlags = flags.replace(/[gy]/g, "");
  try {
    return new RegExp(pattern, statelessFlags);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new FmopsError(
      "CONFIG_INVALID",
      `evaluator "${evaluatorName}": pattern ${JSON.stringify(pattern)} ` +
        `with flags ${JSON.stringify(flags)} is not a valid regular ` +
        `expression: ${reason}`,
      { cause: error },
    );
  }
}
