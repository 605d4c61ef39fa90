/** A half-open range of token positions, `[start, end)`. */
export interface TokenRange {
  start: number;
  end: number;
}

/**
 * Windows of `size` tokens over `tokenCount` tokens, each starting
 * `size - overlap` after the previous one, so consecutive windows share
 * exactly `overlap` tokens. The last window ends at the last token and may
 * be shorter; no window lies wholly inside the previous one.
 */
export function tokenWindowRanges(
  tokenCount: number,
  size: number,
  overlap: number,
): TokenRange[] {
  const stride = size - overlap;
  const ranges: TokenRange[] = [];
  for (let start = 0; start < tokenCount; start += stride) {
    const end = Math.min(start + size, tokenCount);
    ranges.push({ start, end });
    if (end === tokenCount) break;
  }
  return ranges;
}
