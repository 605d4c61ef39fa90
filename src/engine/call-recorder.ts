import { ProviderCallError } from "../errors/provider-call-error.js";
import type { CallAttribution } from "../spec/call-attribution.js";
import type { ChatModel, ChatRequest } from "../spec/chat-model.js";
import type { EmbeddingModel, EmbedRequest } from "../spec/embedding-model.js";
import type { CallKind, CallRecord } from "../spec/records.js";
import { withEmbed, withGenerate } from "./replace-call.js";

type CallRow = Omit<CallRecord, "runId">;

/**
 * Wraps models so every call, successful or not, becomes a call record.
 * Which case a call belongs to comes with the request (its attribution),
 * so one shared model (an embedder used by many cells) still attributes
 * each call right.
 */
export class CallRecorder {
  readonly #onCall: (call: CallRow) => void;
  readonly #now: () => Date;

  constructor(
    onCall: (call: CallRow) => void,
    now: () => Date = () => new Date(),
  ) {
    this.#onCall = onCall;
    this.#now = now;
  }

  wrapChatModel(model: ChatModel): ChatModel {
    return withGenerate(model, (request: ChatRequest) =>
      this.#record(
        "chat",
        model,
        request.attribution,
        () => model.generate(request),
        (response) => ({
          latencyMs: response.latencyMs,
          timeToFirstTokenMs: response.timeToFirstTokenMs,
          inputTokens: response.usage.inputTokens,
          outputTokens: response.usage.outputTokens,
          costUsd: response.costUsd,
        }),
      ),
    );
  }

  wrapEmbeddingModel(model: EmbeddingModel): EmbeddingModel {
    return withEmbed(model, (request: EmbedRequest) =>
      this.#record(
        "embedding",
        model,
        request.attribution,
        () => model.embed(request),
        (response) => ({
          latencyMs: response.latencyMs,
          timeToFirstTokenMs: null,
          inputTokens: response.usage.inputTokens,
          outputTokens: 0,
          costUsd: response.costUsd,
        }),
      ),
    );
  }

  async #record<Response>(
    kind: CallKind,
    model: { provider: string; modelId: string },
    attribution: CallAttribution | undefined,
    call: () => Promise<Response>,
    measure: (response: Response) => CallFigures,
  ): Promise<Response> {
    const startedAt = this.#now();
    const startMs = performance.now();
    const base = {
      kind,
      provider: model.provider,
      modelId: model.modelId,
      cellKey: attribution?.cellKey ?? null,
      questionId: attribution?.questionId ?? null,
      attempt: attribution?.attempt ?? 1,
      purpose: attribution?.purpose ?? "system",
    };
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
    base: Pick<
      CallRow,
      | "kind"
      | "provider"
      | "modelId"
      | "cellKey"
      | "questionId"
      | "attempt"
      | "purpose"
    >,
    startedAt: Date,
    outcome: CallFigures &
      Pick<CallRow, "status" | "errorMessage" | "errorClass">,
  ): void {
    this.#onCall({ ...base, ...outcome, startedAt: startedAt.toISOString() });
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
