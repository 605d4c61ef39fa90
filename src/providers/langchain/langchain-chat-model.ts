import type {
  ChatModel,
  ChatRequest,
  ChatResponse,
  ModelSpec,
} from "../../spec/index.js";
import { badResponseError } from "../module/call-errors.js";
import { callTeamCode } from "../module/call-team-code.js";
import { loadModuleExport } from "../module/load-module-export.js";
import {
  type ModuleLocation,
  resolveModuleLocation,
} from "../module/module-location.js";
import { toChatResponse } from "../module/to-chat-response.js";
import { type LangChainTarget, toLangChainTarget } from "./langchain-target.js";
import { readLangChainOutput } from "./read-langchain-output.js";
import { toChainInput } from "./to-chain-input.js";
import { toLangChainMessages } from "./to-langchain-messages.js";

export interface LangChainChatModelOptions {
  /** Milliseconds clock used for `latencyMs`. @default performance.now */
  now?: () => number;
}

/**
 * A team's existing LangChain chat model or chain, imported from its file
 * and invoked once per case, so it is benchmarked as it runs in
 * production. The file is loaded on the first call and kept for the life
 * of the model. Retries, timeouts and callbacks configured on the chain
 * stay as the team set them.
 */
export class LangChainChatModel implements ChatModel {
  readonly provider = "langchain";
  readonly modelId: string;
  readonly #location: ModuleLocation;
  readonly #now: () => number;
  #target: Promise<LangChainTarget> | undefined;

  constructor(spec: ModelSpec, options: LangChainChatModelOptions = {}) {
    this.modelId = spec.model;
    this.#location = resolveModuleLocation(spec);
    this.#now = options.now ?? (() => performance.now());
  }

  async generate(request: ChatRequest): Promise<ChatResponse> {
    const target = await this.#load();
    // Loading is a one-off cost, so the clock starts after it.
    const startMs = this.#now();
    const output = await this.#invoke(target, request);
    const reading = readLangChainOutput(output);
    if (!reading.isReadable) {
      const what = target.kind === "chain" ? "the chain" : "the chat model";
      throw badResponseError(
        this,
        `${what} gave no answer text: ${reading.problem}; expected a ` +
          "string or a message with text content",
        null,
      );
    }
    return toChatResponse(request, reading.answer, this.#now() - startMs);
  }

  #load(): Promise<LangChainTarget> {
    const location = this.#location;
    this.#target ??= loadModuleExport(location).then((value) =>
      toLangChainTarget(value, location),
    );
    return this.#target;
  }

  #invoke(target: LangChainTarget, request: ChatRequest): Promise<unknown> {
    const input =
      target.kind === "chat-model"
        ? toLangChainMessages(request.messages)
        : toChainInput(request);
    return callTeamCode(this, request, () =>
      target.runnable.invoke(input, { signal: request.abortSignal }),
    );
  }
}
