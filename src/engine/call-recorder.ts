import { ProviderCallError } from "../errors/provider-call-error.js";
import type { CallAttribution } from "../spec/call-attribution.js";
import type { ChatModel, ChatRequest } from "../spec/chat-model.js";
import type { EmbeddingModel, EmbedRequest } from "../spec/embedding-model.js";
import type { CallKind, CallRecord } from "../spec/records.js";
import { withEmbed, withGenerate } from "./replace-call.js";

/**
 * Wraps models so every call, successful or not, becomes a call record of
 * the run. Which case a call belongs to comes with the request (its
 * attribution), so one shared model (an embedder used by many cells)
 * still attributes each call right.
 */
export class CallRecorder {
  readonly #runId: string;
  readonly #onCall: (call: CallRecord) => void;
  readonly #now: () => Date;

  constructor(
    runId: string,
    onCall: (call: CallRecord) => void,
    now: () => Date = () => new Date(),
  ) {
    this.#runId = runId;
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
    const started = { kind, model, attribution, startedAt };
    try {
      const response = await call();
      this.#emit(started, measure(response), null);
      return response;
    } catch (error) {
      const latencyMs = performance.now() - startMs;
      this.#emit(started, failedFigures(latencyMs), { error });
      throw error;
    }
  }

  /**
   * Hands on the call's row, written out field by field: spreading
   * objects into a row this wide costs more than the rest of building it,
   * once per call.
   */
  #emit(
    call: {
      kind: CallKind;
      model: { provider: string; modelId: string };
      attribution: CallAttribution | undefined;
      startedAt: Date;
    },
    figures: CallFigures,
    failure: { error: unknown } | null,
  ): void {
    const { attribution } = call;
    const error = failure?.error;
    this.#onCall({
      runId: this.#runId,
      kind: call.kind,
      provider: call.model.provider,
      modelId: call.model.modelId,
      cellKey: attribution?.cellKey ?? null,
      questionId: attribution?.questionId ?? null,
      startedAt: call.startedAt.toISOString(),
      latencyMs: figures.latencyMs,
      timeToFirstTokenMs: figures.timeToFirstTokenMs,
      inputTokens: figures.inputTokens,
      outputTokens: figures.outputTokens,
      costUsd: figures.costUsd,
      status: failure === null ? "ok" : "error",
      errorMessage: failure === null ? null : messageOf(error),
      errorClass:
        failure === null
          ? null
          : error instanceof ProviderCallError
            ? error.errorClass
            : "internal",
      attempt: attribution?.attempt ?? 1,
      purpose: attribution?.purpose ?? "system",
    });
  }
}

type CallFigures = Pick<
  CallRecord,
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
