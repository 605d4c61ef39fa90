import { AsyncLocalStorage } from "node:async_hooks";
import { ProviderCallError } from "../errors/provider-call-error.js";
import type { ChatModel, ChatRequest } from "../spec/chat-model.js";
import type { EmbeddingModel, EmbedRequest } from "../spec/embedding-model.js";
import type { CallKind, CallRecord } from "../spec/records.js";

/** The case a provider call is made for; absent while building indexes. */
export interface CallContext {
  cellKey: string | null;
  questionId: string | null;
  /** Which try of the call this is, from 1. @default 1 */
  attempt?: number;
}

type CallRow = Omit<CallRecord, "runId">;

/**
 * Wraps models so every call, successful or not, becomes a call record.
 * Which case a call belongs to travels in async context, so one shared
 * model (an embedder used by many cells) still attributes each call right.
 */
export class CallRecorder {
  readonly #context = new AsyncLocalStorage<CallContext>();
  readonly #onCall: (call: CallRow) => void;
  readonly #now: () => Date;

  constructor(
    onCall: (call: CallRow) => void,
    now: () => Date = () => new Date(),
  ) {
    this.#onCall = onCall;
    this.#now = now;
  }

  /** Runs `work` with its provider calls attributed to `context`. */
  within<Result>(context: CallContext, work: () => Promise<Result>) {
    return this.#context.run(context, work);
  }

  /** Runs `work` as try number `attempt` of the current call. */
  withAttempt<Result>(attempt: number, work: () => Promise<Result>) {
    const current = this.#context.getStore();
    const context = { cellKey: null, questionId: null, ...current, attempt };
    return this.#context.run(context, work);
  }

  wrapChatModel(model: ChatModel): ChatModel {
    return {
      provider: model.provider,
      modelId: model.modelId,
      generate: (request: ChatRequest) =>
        this.#record(
          "chat",
          model,
          () => model.generate(request),
          (response) => ({
            latencyMs: response.latencyMs,
            timeToFirstTokenMs: response.timeToFirstTokenMs,
            inputTokens: response.usage.inputTokens,
            outputTokens: response.usage.outputTokens,
            costUsd: response.costUsd,
          }),
        ),
    };
  }

  wrapEmbeddingModel(model: EmbeddingModel): EmbeddingModel {
    return {
      provider: model.provider,
      modelId: model.modelId,
      // A getter: some remote models learn their length on the first call.
      get dimensions() {
        return model.dimensions;
      },
      maxBatchSize: model.maxBatchSize,
      embed: (request: EmbedRequest) =>
        this.#record(
          "embedding",
          model,
          () => model.embed(request),
          (response) => ({
            latencyMs: response.latencyMs,
            timeToFirstTokenMs: null,
            inputTokens: response.usage.inputTokens,
            outputTokens: 0,
            costUsd: response.costUsd,
          }),
        ),
    };
  }

  async #record<Response>(
    kind: CallKind,
    model: { provider: string; modelId: string },
    call: () => Promise<Response>,
    measure: (response: Response) => CallFigures,
  ): Promise<Response> {
    const startedAt = this.#now();
    const startMs = performance.now();
    const base = { kind, provider: model.provider, modelId: model.modelId };
    try {
      const response = await call();
      this.#emit(base, startedAt, {
        ...measure(response),
        status: "ok",
        errorMessage: null,
        errorClass: null,
      });
      return response;
    } catch (error) {
      const latencyMs = performance.now() - startMs;
      this.#emit(base, startedAt, {
        ...failedFigures(latencyMs),
        status: "error",
        errorMessage: messageOf(error),
        errorClass:
          error instanceof ProviderCallError ? error.errorClass : "internal",
      });
      throw error;
    }
  }

  #emit(
    base: Pick<CallRow, "kind" | "provider" | "modelId">,
    startedAt: Date,
    outcome: CallFigures &
      Pick<CallRow, "status" | "errorMessage" | "errorClass">,
  ): void {
    const context = this.#context.getStore();
    this.#onCall({
      ...base,
      ...outcome,
      cellKey: context?.cellKey ?? null,
      questionId: context?.questionId ?? null,
      startedAt: startedAt.toISOString(),
      attempt: context?.attempt ?? 1,
    });
  }
}

type CallFigures = Pick<
  CallRow,
  | "latencyMs"
  | "timeToFirstTokenMs"
  | "inputTokens"
  | "outputTokens"
  | "costUsd"
>;

function failedFigures(latencyMs: number): CallFigures {
  return {
    latencyMs,
    timeToFirstTokenMs: null,
    inputTokens: 0,
    outputTokens: 0,
    // Providers do not bill failed requests.
    costUsd: 0,
  };
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
