import { FmopsError } from "../../errors/index.js";
import { analyzeText } from "../../retrieval/analyze-text.js";
import {
  bm25InverseDocumentFrequency,
  bm25LengthNorm,
  bm25TermFrequencyPart,
  countTerms,
} from "../../retrieval/bm25-formula.js";
import type {
  ChatModel,
  ChatRequest,
  ChatResponse,
  GroundingPassage,
} from "../../spec/index.js";
import {
  countTokens,
  decodeTokens,
  encodeTokens,
} from "../../util/count-tokens.js";

/** BM25 term-frequency saturation. */
const BM25_K1 = 1.2;
/** BM25 length normalisation. */
const BM25_B = 0.75;

/** A whole markdown heading line: a title, never an answer. */
const HEADING_LINE_PATTERN = /^[ \t]*#{1,6}[ \t].*$/gmu;
const LIST_BULLET_PATTERN = /^[ \t]*(?:[-*+•]|\d{1,9}[.)])[ \t]+/gmu;

/** A sentence of a passage, ready to be scored. */
interface CandidateSentence {
  text: string;
  terms: string[];
  /** Rank of the passage it comes from, from 0 (best). */
  passageRank: number;
}

interface ScoredSentence {
  candidate: CandidateSentence;
  score: number;
}

export interface ExtractiveReaderOptions {
  /** Milliseconds clock used for `latencyMs`. @default performance.now */
  now?: () => number;
}

/**
 * An offline reader that answers with the passage sentence that best
 * matches the question under BM25. It generates no text of its own, so it
 * costs nothing and gives the same answer for the same input every time; it
 * is the baseline a generative model has to beat.
 */
export class ExtractiveReader implements ChatModel {
  readonly provider = "local";
  readonly modelId = "extractive";
  readonly #now: () => number;

  constructor(options: ExtractiveReaderOptions = {}) {
    this.#now = options.now ?? (() => performance.now());
  }

  async generate(request: ChatRequest): Promise<ChatResponse> {
    const startMs = this.#now();
    request.abortSignal?.throwIfAborted();
    const sentence = selectBestSentence(request.question, request.passages);
    const { text, isCut } = limitTokens(sentence, request.maxOutputTokens);
    const inputTokens = request.messages.reduce(
      (total, message) => total + countTokens(message.content),
      0,
    );
    return {
      text,
      usage: { inputTokens, outputTokens: countTokens(text) },
      latencyMs: this.#now() - startMs,
      timeToFirstTokenMs: null,
      finishReason: isCut ? "length" : "stop",
      costUsd: 0,
    };
  }
}

/**
 * The passage sentence with the highest BM25 score against the question,
 * trimmed; "" when no sentence shares a term with the question.
 */
function selectBestSentence(
  question: string,
  passages: readonly GroundingPassage[],
): string {
  const candidates = splitCandidates(passages);
  const queryTerms = [...new Set(analyzeText(question))];
  const scores = scoreBm25(queryTerms, candidates);
  let best: ScoredSentence | null = null;
  for (const [index, candidate] of candidates.entries()) {
    const scored = { candidate, score: scores[index] ?? 0 };
    if (scored.score > 0 && (best === null || isBetter(scored, best))) {
      best = scored;
    }
  }
  return best?.candidate.text ?? "";
}

/**
 * The higher score wins; the rank of the passage only settles equal scores,
 * so a better-matching sentence from a lower-ranked passage still wins. On a
 * full tie the earlier sentence stays.
 */
function isBetter(challenger: ScoredSentence, holder: ScoredSentence): boolean {
  if (challenger.score !== holder.score) {
    return challenger.score > holder.score;
  }
  return challenger.candidate.passageRank < holder.candidate.passageRank;
}

function splitCandidates(
  passages: readonly GroundingPassage[],
): CandidateSentence[] {
  const segmenter = new Intl.Segmenter("en", { granularity: "sentence" });
  const candidates: CandidateSentence[] = [];
  passages.forEach((passage, passageRank) => {
    for (const { segment } of segmenter.segment(stripMarkdown(passage.text))) {
      const text = segment.trim();
      if (text === "") continue;
      const terms = analyzeText(text);
      candidates.push({ text, terms, passageRank });
    }
  });
  return candidates;
}

/**
 * Headings go: being short and full of topic words, they would win BM25
 * against the sentences that hold answers. List bullets are layout.
 */
function stripMarkdown(text: string): string {
  return text
    .replace(HEADING_LINE_PATTERN, "")
    .replace(LIST_BULLET_PATTERN, "");
}

/** What BM25 needs to know about the candidates as a whole. */
interface Bm25Statistics {
  queryTerms: readonly string[];
  /** idf of each query term, in the order of `queryTerms`. */
  idfs: number[];
  averageLength: number;
}

/** BM25 of each candidate, with idf taken over the candidates themselves. */
function scoreBm25(
  queryTerms: readonly string[],
  candidates: readonly CandidateSentence[],
): number[] {
  const frequencies = candidates.map((candidate) =>
    countTerms(candidate.terms),
  );
  const statistics: Bm25Statistics = {
    queryTerms,
    idfs: queryTerms.map((term) => {
      const sentencesWithTerm = frequencies.filter((counts) =>
        counts.has(term),
      );
      return bm25InverseDocumentFrequency(
        frequencies.length,
        sentencesWithTerm.length,
      );
    }),
    averageLength: averageTermCount(candidates),
  };
  return frequencies.map((counts, index) =>
    scoreSentence(counts, candidates[index]?.terms.length ?? 0, statistics),
  );
}

function scoreSentence(
  counts: ReadonlyMap<string, number>,
  length: number,
  statistics: Bm25Statistics,
): number {
  const lengthNorm = bm25LengthNorm(
    length,
    statistics.averageLength,
    BM25_K1,
    BM25_B,
  );
  let score = 0;
  statistics.queryTerms.forEach((term, termIndex) => {
    const frequency = counts.get(term) ?? 0;
    const idf = statistics.idfs[termIndex] ?? 0;
    score += idf * bm25TermFrequencyPart(frequency, lengthNorm, BM25_K1);
  });
  return score;
}

function averageTermCount(candidates: readonly CandidateSentence[]): number {
  if (candidates.length === 0) return 0;
  const total = candidates.reduce((sum, item) => sum + item.terms.length, 0);
  return total / candidates.length;
}

/** Cuts `text` to at most `maxTokens` tokens; `isCut` tells whether it did. */
function limitTokens(
  text: string,
  maxTokens: number | undefined,
): { text: string; isCut: boolean } {
  if (maxTokens === undefined) return { text, isCut: false };
  if (!Number.isInteger(maxTokens) || maxTokens < 0) {
    throw new FmopsError(
      "USAGE",
      `maxOutputTokens must be a non-negative integer, got ${String(maxTokens)}`,
    );
  }
  const tokens = encodeTokens(text);
  if (tokens.length <= maxTokens) return { text, isCut: false };
  // A cut inside a multi-byte character decodes to U+FFFD; drop that remnant.
  const cutText = decodeTokens(tokens.slice(0, maxTokens)).replace(
    /\uFFFD+$/u,
    "",
  );
  return { text: cutText.trimEnd(), isCut: true };
}
