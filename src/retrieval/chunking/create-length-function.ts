import type { ChunkingSpec } from "../../spec/index.js";
import { countTokens } from "../../util/count-tokens.js";

/** Measures a text in the unit a chunking spec counts in. */
export type LengthFunction = (text: string) => number;

/** Splitters measure the same pieces again and again; this bounds the memo. */
const MEMO_ENTRY_LIMIT = 10_000;

/**
 * Tokens are counted with the bundled o200k_base encoding, so a chunk of
 * "256 tokens" means the same thing as the token counts fmops reports.
 */
export function createLengthFunction(
  unit: ChunkingSpec["unit"],
): LengthFunction {
  if (unit === "tokens") return memoize(countPieceTokens);
  return (text) => text.length;
}

/**
 * Splitters add up the lengths of pieces such as " studied", then trim the
 * chunk they form, so the piece that opens a chunk loses its leading space.
 * That can cost tokens: " studied" is one token, "studied" two. Counting a
 * piece at the larger of the two keeps every trimmed chunk within its size,
 * at the price of chunks a few percent shorter than the limit.
 */
function countPieceTokens(text: string): number {
  const tokenCount = countTokens(text);
  const trimmed = text.trimStart();
  if (trimmed.length === text.length) return tokenCount;
  return Math.max(tokenCount, countTokens(trimmed));
}

function memoize(measure: LengthFunction): LengthFunction {
  const lengthByText = new Map<string, number>();
  return (text) => {
    const known = lengthByText.get(text);
    if (known !== undefined) return known;
    if (lengthByText.size >= MEMO_ENTRY_LIMIT) lengthByText.clear();
    const length = measure(text);
    lengthByText.set(text, length);
    return length;
  };
}
