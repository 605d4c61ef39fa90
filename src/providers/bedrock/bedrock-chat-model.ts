import {
  type BedrockRuntimeClient,
  ConverseCommand,
  type ConverseCommandOutput,
  ConverseStreamCommand,
} from "@aws-sdk/client-bedrock-runtime";
import type { ProviderCallError } from "../../errors/provider-call-error.js";
import type {
  ChatModel,
  ChatRequest,
  ChatResponse,
  ChatUsage,
} from "../../spec/chat-model.js";
import type { ModelSpec, ProviderSettings } from "../../spec/experiment.js";
import {
  bedrockModelPath,
  describeBedrockUrl,
  getBedrockClient,
} from "./bedrock-client.js";
import { mapBedrockError } from "./map-bedrock-error.js";
import {
  type ConverseStreamResult,
  readConverseStream,
} from "./read-converse-stream.js";
import { type ConverseInput, toConverseInput } from "./to-converse-input.js";
import { toFinishReason } from "./to-finish-reason.js";

export interface BedrockChatModelOptions {
  /**
   * Call ConverseStream, which measures the time to first token; `false`
   * calls Converse and answers in one piece. @default true
   */
  stream?: boolean;
  /** @default the shared client of the spec's region and endpoint */
  client?: BedrockRuntimeClient;
  /** Milliseconds clock used for latencies. @default performance.now */
  now?: () => number;
}

/** Whether a call got as far as an answer, for classifying its failure. */
interface CallProgress {
  hasResponse: boolean;
}

/**
 * A chat model served by Amazon Bedrock through the Converse API, which
 * speaks one request format for every model family. `spec.model` is a
 * model or inference profile id (`amazon.nova-lite-v1:0`); region and
 * endpoint come from `spec.settings`, else the standard AWS chain. It makes
 * one attempt per call and leaves retries, rate limits and prices to the
 * engine.
 */
export class BedrockChatModel implements ChatModel {
  readonly provider = "bedrock";
  readonly modelId: string;
  readonly #spec: ModelSpec;
  readonly #settings: ProviderSettings;
  readonly #isStreaming: boolean;
  readonly #client: BedrockRuntimeClient;
  readonly #now: () => number;

  constructor(spec: ModelSpec, options: BedrockChatModelOptions = {}) {
    this.modelId = spec.model;
    this.#spec = spec;
    this.#settings = spec.settings ?? {};
    this.#isStreaming = options.stream ?? true;
    this.#client = options.client ?? getBedrockClient(this.#settings);
    this.#now = options.now ?? (() => performance.now());
  }

  async generate(request: ChatRequest): Promise<ChatResponse> {
    const startMs = this.#now();
    // The request's generation settings win over the spec's.
    const input = toConverseInput(this.modelId, {
      ...request,
      temperature: request.temperature ?? this.#spec.temperature,
      maxOutputTokens: request.maxOutputTokens ?? this.#spec.maxOutputTokens,
    });
    const progress: CallProgress = { hasResponse: false };
    try {
      const answer = this.#isStreaming
        ? await this.#converseStream(input, startMs, progress, request)
        : await this.#converse(input, progress, request);
      return {
        text: answer.text,
        usage: toChatUsage(answer),
        latencyMs: this.#now() - startMs,
        timeToFirstTokenMs: answer.timeToFirstTokenMs,
        finishReason: toFinishReason(answer.stopReason),
        costUsd: null,
      };
    } catch (error) {
      throw await this.#toCallError(error, progress, request.abortSignal);
    }
  }

  async #converseStream(
    input: ConverseInput,
    startMs: number,
    progress: CallProgress,
    request: ChatRequest,
  ): Promise<ConverseStreamResult> {
    const output = await this.#client.send(new ConverseStreamCommand(input), {
      abortSignal: request.abortSignal,
    });
    progress.hasResponse = true;
    if (output.stream === undefined) {
      throw new Error("the answer carried no event stream");
    }
    const clock = { startMs, now: this.#now };
    return readConverseStream(output.stream, clock, request.abortSignal);
  }

  async #converse(
    input: ConverseInput,
    progress: CallProgress,
    request: ChatRequest,
  ): Promise<ConverseStreamResult> {
    const output = await this.#client.send(new ConverseCommand(input), {
      abortSignal: request.abortSignal,
    });
    progress.hasResponse = true;
    return {
      text: textOfConverseOutput(output),
      stopReason: output.stopReason ?? null,
      usage: output.usage ?? null,
      timeToFirstTokenMs: null,
    };
  }

  async #toCallError(
    error: unknown,
    progress: CallProgress,
    abortSignal: AbortSignal | undefined,
  ): Promise<ProviderCallError> {
    const operation = this.#isStreaming ? "converse-stream" : "converse";
    const path = bedrockModelPath(this.modelId, operation);
    return mapBedrockError(error, {
      modelId: this.modelId,
      url: await describeBedrockUrl(this.#client, this.#settings, path),
      abortSignal,
      hasResponse: progress.hasResponse,
    });
  }
}

/** The text blocks of the answer, joined; other block kinds are skipped. */
function textOfConverseOutput(output: ConverseCommandOutput): string {
  const content = output.output?.message?.content;
  if (content === undefined) {
    throw new Error("the answer carried no output message");
  }
  return content.map((block) => block.text ?? "").join("");
}

function toChatUsage(answer: ConverseStreamResult): ChatUsage {
  const { usage } = answer;
  if (usage?.inputTokens === undefined || usage.outputTokens === undefined) {
    throw new Error("the answer carried no token usage");
  }
  const cachedInputTokens = usage.cacheReadInputTokens;
  return {
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    ...(cachedInputTokens === undefined ? {} : { cachedInputTokens }),
  };
}
