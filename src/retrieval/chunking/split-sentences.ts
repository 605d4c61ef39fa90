const segmenter = new Intl.Segmenter("en", { granularity: "sentence" });

/**
 * Sentences as `Intl.Segmenter` finds them, each with its trailing
 * whitespace, so that joining them gives back the text unchanged. The
 * segmenter reports a run of blank lines as a sentence of its own; such a
 * run is attached to the sentence before it instead.
 */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  for (const { segment } of segmenter.segment(text)) {
    const last = sentences.length - 1;
    if (segment.trim() === "" && last >= 0) {
      sentences[last] += segment;
    } else {
      sentences.push(segment);
    }
  }
  return sentences;
}
