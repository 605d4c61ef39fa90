import { measureReadability } from "./readability.js";
import { textWords } from "./text-words.js";

/**
 * Flesch reading ease at or below this scores 0: run-on or
 * jargon-dense text that readers struggle through.
 */
const HARDEST_READING_EASE = 0;

/** Flesch reading ease at or above this (plain English) scores 1. */
const PLAIN_READING_EASE = 60;

/**
 * Share of distinct words below which an answer counts as repetitive.
 * Fluent English answers of a few hundred words stay above it; looping
 * output falls far below it.
 */
const MINIMUM_DISTINCT_WORD_SHARE = 0.3;

/**
 * Answers shorter than this lean less on readability: on a few words the
 * syllable term dominates Flesch, so "Photosynthesis." alone would score 0.
 */
const FULL_READABILITY_WORD_COUNT = 20;

/**
 * Offline fluency of an answer, in [0, 1], from its surface alone:
 *
 * - readability: Flesch reading ease mapped linearly from 0 (score 0) to
 *   60 (score 1, plain English), clamped; it falls for long, unbroken
 *   sentences and for words with many syllables; below 20 words it
 *   weighs only wordCount / 20, the rest counting as fully readable,
 *   because the formula is unstable on a handful of words;
 * - times 1 − the share of word trigrams that repeat an earlier trigram
 *   (so looping output such as "the the the …" nears 0);
 * - times min(1, share of distinct words / 0.3), which punishes a small
 *   vocabulary cycled over and over.
 *
 * An answer without words scores 0.
 *
 * It does not judge grammar, word order within a sentence (a shuffle
 * that keeps sentence breaks and syllables scores as the original does),
 * truth, or relevance to the question; pair it with answer metrics or a
 * judge for those. Syllables are estimated for English only.
 */
export function offlineFluency(answer: string): number {
  const words = textWords(answer).map((word) => word.toLowerCase());
  if (words.length === 0) return 0;
  return (
    readabilityScore(answer, words.length) *
    (1 - repeatedTrigramShare(words)) *
    vocabularyScore(words)
  );
}

function readabilityScore(answer: string, wordCount: number): number {
  const readingEase = measureReadability(answer).fleschReadingEase ?? 0;
  const position =
    (readingEase - HARDEST_READING_EASE) /
    (PLAIN_READING_EASE - HARDEST_READING_EASE);
  const bandScore = Math.min(1, Math.max(0, position));
  const weight = Math.min(1, wordCount / FULL_READABILITY_WORD_COUNT);
  return weight * bandScore + (1 - weight);
}

/** Share of the word trigrams that already occurred earlier; 0 below 3 words. */
export function repeatedTrigramShare(words: readonly string[]): number {
  const trigramCount = words.length - 2;
  if (trigramCount <= 0) return 0;
  const seen = new Set<string>();
  for (let index = 0; index < trigramCount; index += 1) {
    seen.add(words.slice(index, index + 3).join(" "));
  }
  return (trigramCount - seen.size) / trigramCount;
}

function vocabularyScore(words: readonly string[]): number {
  const distinctShare = new Set(words).size / words.length;
  return Math.min(1, distinctShare / MINIMUM_DISTINCT_WORD_SHARE);
}
