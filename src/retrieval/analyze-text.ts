import { stemmer } from "stemmer";

/**
 * The 33 English stopwords that Lucene's and Anserini's default analyzers
 * drop; keeping the same set keeps BM25 figures comparable with theirs.
 */
const STOPWORDS = new Set(
  (
    "a an and are as at be but by for if in into is it no not of on or " +
    "such that the their then there these they this to was will with"
  ).split(" "),
);

const WORD_PATTERN = /[\p{L}\p{N}]+/gu;

/**
 * Stems of words already seen. Stemming is most of the cost of indexing,
 * and a corpus repeats its vocabulary endlessly. Bounded so that a huge
 * vocabulary cannot grow it without limit.
 */
const stemCache = new Map<string, string>();
const STEM_CACHE_LIMIT = 500_000;

/** Lowercased words and numbers, in order, punctuation dropped. */
export function splitWords(text: string): string[] {
  return text.toLowerCase().match(WORD_PATTERN) ?? [];
}

/**
 * Terms for keyword search: words lowercased, stopwords dropped, each
 * reduced to its Porter stem ("policies" and "policy" meet at "polici").
 */
export function analyzeText(text: string): string[] {
  const terms: string[] = [];
  for (const word of splitWords(text)) {
    if (!STOPWORDS.has(word)) terms.push(stem(word));
  }
  return terms;
}

function stem(word: string): string {
  const cached = stemCache.get(word);
  if (cached !== undefined) return cached;
  const stemmed = stemmer(word);
  if (stemCache.size < STEM_CACHE_LIMIT) stemCache.set(word, stemmed);
  return stemmed;
}
