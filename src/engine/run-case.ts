import type { ChatModel } from "../spec/chat-model.js";
import type { Question } from "../spec/dataset.js";
import type { Evaluator } from "../spec/evaluator.js";
import type { Cell } from "../spec/experiment.js";
import type { CaseRecord } from "../spec/records.js";
import type { SearchHit } from "../spec/search-index.js";
import { messageOf } from "./call-recorder.js";
import { renderPrompt } from "./render-prompt.js";
import { rankedDocumentIds } from "./retrieve-hits.js";

/** What one case needs besides its cell and question. */
export interface CaseDependencies {
  runId: string;
  retrieve: (cell: Cell, question: Question) => Promise<TimedHits>;
  chatModelFor: (cell: Cell) => Promise<ChatModel | null>;
  evaluators: Evaluator[];
}

export interface TimedHits {
  hits: SearchHit[];
  latencyMs: number;
}

interface Generation {
  answer: string | null;
  isCached: boolean;
  latencyMs: number | null;
  inputTokens: number;
  outputTokens: number;
  costUsd: number | null;
}

const NO_GENERATION: Generation = {
  answer: null,
  isCached: false,
  latencyMs: null,
  inputTokens: 0,
  outputTokens: 0,
  costUsd: 0,
};

/**
 * Retrieves, generates and scores one (cell, question) case. A failure is
 * recorded on the case, never thrown: one bad case must not stop a run.
 */
export async function runCase(
  dependencies: CaseDependencies,
  cell: Cell,
  question: Question,
): Promise<CaseRecord> {
  const base = { runId: dependencies.runId, cellKey: cell.key };
  const identity = { questionId: question.id, question: question.question };
  try {
    const retrieval = await dependencies.retrieve(cell, question);
    const generation = await generate(
      dependencies,
      cell,
      question,
      retrieval.hits,
    );
    const scores = score(
      dependencies.evaluators,
      question,
      generation.answer,
      retrieval.hits,
    );
    return {
      ...base,
      ...identity,
      answer: generation.answer,
      retrievedChunkIds: retrieval.hits.map((hit) => hit.chunkId),
      retrievedDocumentIds: rankedDocumentIds(retrieval.hits),
      retrievalLatencyMs: retrieval.latencyMs,
      generationLatencyMs: generation.latencyMs,
      latencyMs: retrieval.latencyMs + (generation.latencyMs ?? 0),
      inputTokens: generation.inputTokens,
      outputTokens: generation.outputTokens,
      costUsd: generation.costUsd,
      error: null,
      isCached: generation.isCached,
      scores,
    };
  } catch (error) {
    return failedCase({ ...base, ...identity }, messageOf(error));
  }
}

async function generate(
  dependencies: CaseDependencies,
  cell: Cell,
  question: Question,
  hits: SearchHit[],
): Promise<Generation> {
  const model = await dependencies.chatModelFor(cell);
  const { prompt, model: spec } = cell.params;
  if (model === null || prompt === null || spec === null) return NO_GENERATION;

  const response = await model.generate({
    messages: renderPrompt(prompt, question.question, hits),
    question: question.question,
    passages: hits.map(({ chunkId, documentId, text }) => ({
      chunkId,
      documentId,
      text,
    })),
    temperature: spec.temperature,
    maxOutputTokens: spec.maxOutputTokens,
    attribution: { cellKey: cell.key, questionId: question.id },
  });
  return {
    answer: response.text,
    isCached: response.isCached === true,
    latencyMs: response.latencyMs,
    inputTokens: response.usage.inputTokens,
    outputTokens: response.usage.outputTokens,
    costUsd: response.costUsd,
  };
}

function score(
  evaluators: Evaluator[],
  question: Question,
  answer: string | null,
  hits: SearchHit[],
): Record<string, number | null> {
  const input = {
    question,
    answer,
    hits,
    retrievedDocumentIds: rankedDocumentIds(hits),
  };
  const scores: Record<string, number | null> = {};
  for (const evaluator of evaluators) {
    const isApplicable = evaluator.needs === "retrieval" || answer !== null;
    scores[evaluator.name] = isApplicable ? evaluator.evaluate(input) : null;
  }
  return scores;
}

function failedCase(
  identity: Pick<CaseRecord, "runId" | "cellKey" | "questionId" | "question">,
  message: string,
): CaseRecord {
  return {
    ...identity,
    answer: null,
    retrievedChunkIds: [],
    retrievedDocumentIds: [],
    retrievalLatencyMs: 0,
    generationLatencyMs: null,
    latencyMs: 0,
    inputTokens: 0,
    outputTokens: 0,
    costUsd: 0,
    error: message,
    isCached: false,
    scores: {},
  };
}
