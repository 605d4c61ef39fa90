/**
 * The pieces of Okapi BM25 as Lucene computes them, shared by the BM25
 * index and the extractive reader's sentence scoring.
 */

/** Lucene's idf: stays positive even for a term found in every document. */
export function bm25InverseDocumentFrequency(
  documentCount: number,
  documentFrequency: number,
): number {
  return Math.log(
    1 + (documentCount - documentFrequency + 0.5) / (documentFrequency + 0.5),
  );
}

/** The length part of the denominator: k1·(1 − b + b·length/averageLength). */
export function bm25LengthNorm(
  length: number,
  averageLength: number,
  k1: number,
  b: number,
): number {
  const relativeLength = averageLength > 0 ? length / averageLength : 0;
  return k1 * (1 - b + b * relativeLength);
}

/** tf·(k1 + 1) / (tf + lengthNorm): saturating term frequency. */
export function bm25TermFrequencyPart(
  frequency: number,
  lengthNorm: number,
  k1: number,
): number {
  return (frequency * (k1 + 1)) / (frequency + lengthNorm);
}

/** How often each term occurs. */
export function countTerms(terms: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}
