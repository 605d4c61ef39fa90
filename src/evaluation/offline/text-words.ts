const wordSegmenter = new Intl.Segmenter("en", { granularity: "word" });

/**
 * The words of a text as Unicode word segmentation finds them, in order and
 * as written: punctuation and spaces are left out, "don't" stays one word.
 */
export function textWords(text: string): string[] {
  const words: string[] = [];
  for (const segment of wordSegmenter.segment(text)) {
    if (segment.isWordLike === true) words.push(segment.segment);
  }
  return words;
}
