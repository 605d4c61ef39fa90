import type OpenAI from "openai";
import type {
  ChatModel,
  ChatRequest,
  ChatResponse,
  ChatUsage,
} from "../../spec/chat-model.js";
import type { ModelSpec } from "../../spec/experiment.js";
import { badOpenAiResponse } from "./bad-openai-response.js";
import { collectOpenAiStream } from "./collect-openai-stream.js";
import { mapOpenAiError } from "./map-openai-error.js";
import type { OpenAiCallContext } from "./openai-call-context.js";
import { connectOpenAi, type OpenAiClientOptions } from "./openai-client.js";
import {
  estimateChatUsage,
  isUsageReport,
  toChatUsage,
} from "./openai-usage.js";

export interface OpenAiChatModelOptions extends OpenAiClientOptions {
  /**
   * Stream the answer, which is how time to first token is measured;
   * `false` calls the plain JSON endpoint. @default true
   */
  stream?: boolean;
  /** Milliseconds clock for latencies. @default performance.now */
  now?: () => number;
}

type CompletionParams = OpenAI.Chat.ChatCompletionCreateParamsNonStreaming;

/**
 * A chat model behind `/chat/completions`: OpenAI itself, or any
 * OpenAI-compatible server named by `settings.baseUrl` (vLLM, Ollama…).
 * It makes exactly one request per call; retries, rate limits and caching
 * belong to the engine. `costUsd` is `null`: the engine prices calls.
 */
export class OpenAiChatModel implements ChatModel {
  readonly provider = "openai";
  readonly modelId: string;
  readonly #spec: ModelSpec;
  readonly #options: OpenAiChatModelOptions;
  readonly #now: () => number;

  constructor(spec: ModelSpec, options: OpenAiChatModelOptions = {}) {
    this.modelId = spec.model;
    this.#spec = spec;
    this.#options = options;
    this.#now = options.now ?? (() => performance.now());
  }

  async generate(request: ChatRequest): Promise<ChatResponse> {
    const connection = connectOpenAi(
      this.#spec.settings ?? {},
      this.modelId,
      this.#options,
    );
    const context: OpenAiCallContext = {
      modelId: this.modelId,
      url: `${connection.publicBaseUrl}/chat/completions`,
      apiKey: connection.apiKey,
      abortSignal: request.abortSignal,
    };
    const params = this.#params(request);
    try {
      return this.#options.stream === false
        ? await this.#complete(connection.client, params, request, context)
        : await this.#stream(connection.client, params, request, context);
    } catch (error) {
      throw mapOpenAiError(error, context);
    }
  }

  /** Request fields; the request's settings win over the spec's. */
  #params(request: ChatRequest): CompletionParams {
    const temperature = request.temperature ?? this.#spec.temperature;
    const maxTokens = request.maxOutputTokens ?? this.#spec.maxOutputTokens;
    return {
      model: this.modelId,
      messages: request.messages.map(({ role, content }) => ({
        role,
        content,
      })),
      ...(temperature === undefined ? {} : { temperature }),
      ...(maxTokens === undefined ? {} : { max_completion_tokens: maxTokens }),
    };
  }

  async #stream(
    client: OpenAI,
    params: CompletionParams,
    request: ChatRequest,
    context: OpenAiCallContext,
  ): Promise<ChatResponse> {
    const startMs = this.#now();
    const chunks = await client.chat.completions.create(
      { ...params, stream: true, stream_options: { include_usage: true } },
      { signal: request.abortSignal },
    );
    const collected = await collectOpenAiStream(chunks, context, {
      startMs,
      now: this.#now,
    });
    const usage =
      collected.usage === null
        ? estimateChatUsage(request.messages, collected.text)
        : toChatUsage(collected.usage);
    return {
      text: collected.text,
      usage,
      latencyMs: this.#now() - startMs,
      timeToFirstTokenMs: collected.timeToFirstTokenMs,
      finishReason: toFinishReason(collected.finishReason),
      costUsd: null,
    };
  }

  async #complete(
    client: OpenAI,
    params: CompletionParams,
    request: ChatRequest,
    context: OpenAiCallContext,
  ): Promise<ChatResponse> {
    const startMs = this.#now();
    const completion: unknown = await client.chat.completions.create(params, {
      signal: request.abortSignal,
    });
    const { text, finishReason, usage } = readCompletion(completion, context);
    return {
      text,
      usage: usage ?? estimateChatUsage(request.messages, text),
      latencyMs: this.#now() - startMs,
      timeToFirstTokenMs: null,
      finishReason: toFinishReason(finishReason),
      costUsd: null,
    };
  }
}

/** Checks the shape of a `chat.completion` body before trusting it. */
function readCompletion(
  completion: unknown,
  context: OpenAiCallContext,
): { text: string; finishReason: string; usage: ChatUsage | null } {
  const body = (completion ?? {}) as {
    choices?: { message?: { content?: unknown }; finish_reason?: unknown }[];
    usage?: unknown;
  };
  const choice = Array.isArray(body.choices) ? body.choices[0] : undefined;
  const content = choice?.message?.content;
  // `content` is null when a model refuses or calls a tool: no text.
  if (
    choice === undefined ||
    (typeof content !== "string" && content !== null)
  ) {
    throw badOpenAiResponse(context, "no message in choices[0]", completion);
  }
  return {
    text: content ?? "",
    finishReason: String(choice.finish_reason),
    usage: isUsageReport(body.usage) ? toChatUsage(body.usage) : null,
  };
}

/** `content_filter`, `tool_calls` and the like are all `other` to fmops. */
function toFinishReason(reason: string): ChatResponse["finishReason"] {
  if (reason === "stop" || reason === "length") return reason;
  return "other";
}
