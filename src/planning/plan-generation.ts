import { chatCacheKey } from "../engine/response-cache-key.js";
import { type IndexNeed, retrievalSignature } from "../engine/run-bench.js";
import { chatRequestFor } from "../engine/run-case.js";
import type { ChatRequest } from "../spec/chat-model.js";
import type { Question } from "../spec/dataset.js";
import type { Cell, ModelSpec, PromptSpec } from "../spec/experiment.js";
import type { SearchHit } from "../spec/search-index.js";
import type { CallTally, CallTarget } from "./call-tally.js";
import type { ChunkStatistics } from "./chunk-statistics.js";
import type { PlannedCell } from "./experiment-plan.js";
import type { PlanRetriever } from "./plan-retriever.js";
import { countMessageTokens, estimatePromptTokens } from "./prompt-tokens.js";

export interface GenerationPlanning {
  questions: readonly Question[];
  retriever: PlanRetriever;
  tally: CallTally;
  /** Reply tokens expected of each model, by alias. */
  outputTokensOf: (spec: ModelSpec) => number;
  /** Whether the response cache holds a key; `null` when it is off. */
  isCachedResponse: ((key: string) => boolean) | null;
  /** Hits shared by cells with the same retrieval, as in a run. */
  sharedHits: Map<string, Promise<SearchHit[]>>;
}

/** What one cell's generation stage will send, question by question. */
export async function planCellGeneration(
  planning: GenerationPlanning,
  cell: Cell,
  needs: readonly IndexNeed[],
  statistics: ChunkStatistics,
): Promise<PlannedCell> {
  const { model: spec, prompt } = cell.params;
  const isRetrieved = planning.retriever.canRetrieve(needs);
  const planned: PlannedCell = {
    key: cell.key,
    label: cell.label,
    caseCount: planning.questions.length,
    generationCalls: 0,
    cachedResponses: isRetrieved && planning.isCachedResponse ? 0 : null,
    promptSource: isRetrieved ? "retrieved" : "estimated",
    inputTokens: 0,
  };
  if (spec === null || prompt === null) return planned;

  const target: CallTarget = {
    provider: spec.provider,
    modelId: spec.model,
    kind: "chat",
    purpose: "system",
  };
  for (const question of planning.questions) {
    const request = isRetrieved
      ? await retrievedRequest(planning, cell, needs, question)
      : null;
    if (request !== null && isCached(planning, spec, request)) {
      planning.tally.addCachedCall(target);
      planned.cachedResponses = (planned.cachedResponses ?? 0) + 1;
      continue;
    }
    const inputTokens =
      request === null
        ? estimatedInputTokens(cell, prompt, question, statistics)
        : countMessageTokens(request.messages);
    planning.tally.addCall(target, {
      inputTokens,
      outputTokens: planning.outputTokensOf(spec),
    });
    planned.generationCalls += 1;
    planned.inputTokens += inputTokens;
  }
  return planned;
}

function isCached(
  planning: GenerationPlanning,
  spec: ModelSpec,
  request: ChatRequest,
): boolean {
  // Local models answer without the response cache.
  if (planning.isCachedResponse === null || spec.provider === "local") {
    return false;
  }
  return planning.isCachedResponse(chatCacheKey(spec, request));
}

/** The request a run would send, built the way a case builds it. */
async function retrievedRequest(
  planning: GenerationPlanning,
  cell: Cell,
  needs: readonly IndexNeed[],
  question: Question,
): Promise<ChatRequest | null> {
  const { model: spec, prompt } = cell.params;
  if (spec === null || prompt === null) return null;
  const hits = await sharedHits(planning, cell, needs, question);
  return chatRequestFor(spec, prompt, question, hits);
}

function sharedHits(
  planning: GenerationPlanning,
  cell: Cell,
  needs: readonly IndexNeed[],
  question: Question,
): Promise<SearchHit[]> {
  const name = JSON.stringify([retrievalSignature(cell), question.id]);
  let hits = planning.sharedHits.get(name);
  if (hits === undefined) {
    hits = planning.retriever.retrieve(cell.params, needs, question.question);
    planning.sharedHits.set(name, hits);
  }
  return hits;
}

function estimatedInputTokens(
  cell: Cell,
  prompt: PromptSpec,
  question: Question,
  statistics: ChunkStatistics,
): number {
  const passageCount = Math.min(cell.params.topK, statistics.chunks.length);
  return estimatePromptTokens(
    prompt,
    question.question,
    passageCount,
    statistics.meanPassageTokens,
  );
}
