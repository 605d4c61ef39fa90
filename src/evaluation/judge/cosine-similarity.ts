/**
 * Cosine of the angle between two vectors of equal length; `null` when
 * either is all zeros (a text with no word an embedder knows), where the
 * angle is undefined.
 */
export function cosineSimilarity(
  left: Float32Array,
  right: Float32Array,
): number | null {
  let dot = 0;
  let leftSquares = 0;
  let rightSquares = 0;
  for (let index = 0; index < left.length; index += 1) {
    const a = left[index] ?? 0;
    const b = right[index] ?? 0;
    dot += a * b;
    leftSquares += a * a;
    rightSquares += b * b;
  }
  if (leftSquares === 0 || rightSquares === 0) return null;
  return dot / Math.sqrt(leftSquares * rightSquares);
}
