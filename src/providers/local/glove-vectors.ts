/** Word vectors held flat: row `i` of `vectors` belongs to `words[i]`. */
export interface GloveVectors {
  dimensions: number;
  words: string[];
  /** `words.length * dimensions` values, one row per word. */
  vectors: Float32Array;
}
