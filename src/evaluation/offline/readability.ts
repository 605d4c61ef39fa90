import { flesch } from "flesch";
import { fleschKincaid } from "flesch-kincaid";
import { syllable } from "syllable";
import { textWords } from "./text-words.js";

/** Counts of a text and the readability formulas computed on them. */
export interface Readability {
  /** Sentences holding at least one word. */
  sentenceCount: number;
  wordCount: number;
  /** Estimated English syllables over all words. */
  syllableCount: number;
  /**
   * Flesch reading ease: about 120 for the simplest text, 60–70 for plain
   * English, below 30 for academic prose, negative for run-on text;
   * `null` for a text without words.
   */
  fleschReadingEase: number | null;
  /** Flesch–Kincaid US school grade; `null` for a text without words. */
  fleschKincaidGrade: number | null;
}

const sentenceSegmenter = new Intl.Segmenter("en", {
  granularity: "sentence",
});

/** Counts sentences, words and syllables of `text` and scores them. */
export function measureReadability(text: string): Readability {
  const words = textWords(text);
  const counts = {
    sentence: countSentences(text),
    word: words.length,
    syllable: countSyllables(words),
  };
  const hasWords = counts.word > 0;
  return {
    sentenceCount: counts.sentence,
    wordCount: counts.word,
    syllableCount: counts.syllable,
    fleschReadingEase: hasWords ? flesch(counts) : null,
    fleschKincaidGrade: hasWords ? fleschKincaid(counts) : null,
  };
}

function countSentences(text: string): number {
  let sentenceCount = 0;
  for (const sentence of sentenceSegmenter.segment(text)) {
    if (textWords(sentence.segment).length > 0) sentenceCount += 1;
  }
  return sentenceCount;
}

function countSyllables(words: readonly string[]): number {
  // Every word is spoken with at least one syllable; the estimator gives
  // 0 for digits and some abbreviations, which would flatter the formulas.
  return words.reduce((total, word) => total + Math.max(1, syllable(word)), 0);
}
