import type { ChatModel, ChatRequest } from "../spec/chat-model.js";
import type { Question } from "../spec/dataset.js";
import type {
  EvaluationCase,
  EvaluationResult,
  Evaluator,
} from "../spec/evaluator.js";
import type { Cell, ModelSpec, PromptSpec } from "../spec/experiment.js";
import type { CaseRecord } from "../spec/records.js";
import type { SearchHit } from "../spec/search-index.js";
import { messageOf } from "./call-recorder.js";
import type {
  CaseEvaluationTools,
  EvaluationUsage,
} from "./evaluation-tools.js";
import { renderPrompt } from "./render-prompt.js";
import { rankedDocumentIds } from "./retrieve-hits.js";

/** What one case needs besides its cell and question. */
export interface CaseDependencies {
  runId: string;
  retrieve: (cell: Cell, question: Question) => Promise<TimedHits>;
  chatModelFor: (cell: Cell) => Promise<ChatModel | null>;
  evaluators: Evaluator[];
  /** Fresh evaluation tools for one case; see `EvaluationToolbox`. */
  evaluationToolsFor: (cell: Cell, question: Question) => CaseEvaluationTools;
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

/** A case's scores and the reasons of those left unscored. */
interface CaseScores {
  scores: Record<string, number | null>;
  unscoredReasons: Record<string, string>;
}

/**
 * Retrieves, generates and scores one (cell, question) case; the case's
 * evaluators run concurrently. A failure is recorded on the case, never
 * thrown: one bad case must not stop a run.
 */
export async function runCase(
  dependencies: CaseDependencies,
  cell: Cell,
  question: Question,
): Promise<CaseRecord> {
  const evaluation = dependencies.evaluationToolsFor(cell, question);
  const spent: SpentSoFar = {
    retrieval: null,
    generation: null,
    generationStartMs: null,
  };
  try {
    const retrieval = await dependencies.retrieve(cell, question);
    spent.retrieval = retrieval;
    spent.generationStartMs = performance.now();
    const generation = await generate(
      dependencies,
      cell,
      question,
      retrieval.hits,
    );
    spent.generation = generation;
    const retrievedDocumentIds = rankedDocumentIds(retrieval.hits);
    const { scores, unscoredReasons } = await score(dependencies.evaluators, {
      cellKey: cell.key,
      question,
      answer: generation.answer,
      hits: retrieval.hits,
      retrievedDocumentIds,
      tools: evaluation.tools,
    });
    const usage = evaluation.usage();
    // Written out field by field: spreading objects into a record this
    // wide costs more than the rest of building it, once per case.
    return {
      runId: dependencies.runId,
      cellKey: cell.key,
      questionId: question.id,
      question: question.question,
      answer: generation.answer,
      retrievedChunkIds: retrieval.hits.map((hit) => hit.chunkId),
      retrievedDocumentIds,
      retrievalLatencyMs: retrieval.latencyMs,
      generationLatencyMs: generation.latencyMs,
      latencyMs: retrieval.latencyMs + (generation.latencyMs ?? 0),
      inputTokens: generation.inputTokens,
      outputTokens: generation.outputTokens,
      costUsd: generation.costUsd,
      error: null,
      isCached: generation.isCached,
      scores,
      unscoredReasons,
      evaluationInputTokens: usage.inputTokens,
      evaluationOutputTokens: usage.outputTokens,
      evaluationCostUsd: usage.costUsd,
    };
  } catch (error) {
    return failedCase(
      dependencies.runId,
      cell,
      question,
      messageOf(error),
      spent,
      evaluation.usage(),
    );
  }
}

/** What a case had done when it failed, so that what it spent is kept. */
interface SpentSoFar {
  retrieval: TimedHits | null;
  generation: Generation | null;
  /** `performance.now()` when the model was asked; `null` before that. */
  generationStartMs: number | null;
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
    ...chatRequestFor(spec, prompt, question, hits),
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

/** The request a case sends its model: the prompt filled with the hits. */
export function chatRequestFor(
  spec: ModelSpec,
  prompt: PromptSpec,
  question: Question,
  hits: SearchHit[],
): ChatRequest {
  return {
    messages: renderPrompt(prompt, question.question, hits),
    question: question.question,
    passages: hits.map(({ chunkId, documentId, text }) => ({
      chunkId,
      documentId,
      text,
    })),
    temperature: spec.temperature,
    maxOutputTokens: spec.maxOutputTokens,
  };
}

async function score(
  evaluators: Evaluator[],
  input: EvaluationCase,
): Promise<CaseScores> {
  // Every evaluator ends before a failure is raised, so the judge calls
  // of the others are all counted in the case's evaluation figures.
  const settled = await Promise.allSettled(
    evaluators.map(async (evaluator) => {
      const isApplicable =
        evaluator.needs === "retrieval" || input.answer !== null;
      return isApplicable ? evaluator.evaluate(input) : null;
    }),
  );
  const results = settled.map((outcome) => {
    if (outcome.status === "rejected") throw outcome.reason;
    return outcome.value;
  });
  const scored: CaseScores = { scores: {}, unscoredReasons: {} };
  evaluators.forEach((evaluator, index) => {
    const { score, reason } = readResult(results[index] ?? null);
    scored.scores[evaluator.name] = score;
    if (reason !== null) scored.unscoredReasons[evaluator.name] = reason;
  });
  return scored;
}

/** A score that is not a finite number is stored unscored, never as NaN. */
function readResult(result: EvaluationResult): {
  score: number | null;
  reason: string | null;
} {
  if (result === null) return { score: null, reason: null };
  if (typeof result === "object") return result;
  if (Number.isFinite(result)) return { score: result, reason: null };
  return { score: null, reason: `the evaluator gave ${result}` };
}

/**
 * A failed case keeps what it got and what it spent before the failure:
 * the passages, the answer and its tokens and cost when the model had
 * answered, the scoring calls made. Its latency is the time it took until
 * then; a model that failed took from the request to the failure, retries
 * included.
 */
function failedCase(
  runId: string,
  cell: Cell,
  question: Question,
  message: string,
  spent: SpentSoFar,
  usage: EvaluationUsage,
): CaseRecord {
  const { retrieval, generation, generationStartMs } = spent;
  const hits = retrieval?.hits ?? [];
  const retrievalLatencyMs = retrieval?.latencyMs ?? 0;
  const generationLatencyMs =
    generation?.latencyMs ??
    (generationStartMs === null ? null : performance.now() - generationStartMs);
  return {
    runId,
    cellKey: cell.key,
    questionId: question.id,
    question: question.question,
    answer: generation?.answer ?? null,
    retrievedChunkIds: hits.map((hit) => hit.chunkId),
    retrievedDocumentIds: rankedDocumentIds(hits),
    retrievalLatencyMs,
    generationLatencyMs,
    latencyMs: retrievalLatencyMs + (generationLatencyMs ?? 0),
    inputTokens: generation?.inputTokens ?? 0,
    outputTokens: generation?.outputTokens ?? 0,
    costUsd: generation?.costUsd ?? 0,
    error: message,
    isCached: generation?.isCached ?? false,
    scores: {},
    unscoredReasons: {},
    evaluationInputTokens: usage.inputTokens,
    evaluationOutputTokens: usage.outputTokens,
    evaluationCostUsd: usage.costUsd,
  };
}
