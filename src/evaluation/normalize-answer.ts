/**
 * Unicode punctuation (`\p{P}`) plus the ASCII symbols that count as
 * punctuation in SQuAD's scorer but as symbols in Unicode ($ + < = > ^ ` | ~).
 */
const PUNCTUATION_PATTERN = /[\p{P}$+<=>^`|~]/gu;

const ARTICLES = new Set(["a", "an", "the"]);

/**
 * The words of an answer after SQuAD normalisation: lowercased, punctuation
 * removed (so "don't" becomes "dont"), the articles a, an and the dropped as
 * whole words.
 */
export function answerWords(text: string): string[] {
  const withoutPunctuation = text
    .toLowerCase()
    .replace(PUNCTUATION_PATTERN, "");
  return withoutPunctuation
    .split(/\s+/u)
    .filter((word) => word !== "" && !ARTICLES.has(word));
}

/**
 * SQuAD normalisation of an answer as one string: the words of
 * {@link answerWords} joined by single spaces. "The Normans!" becomes
 * "normans".
 */
export function normalizeAnswer(text: string): string {
  return answerWords(text).join(" ");
}
