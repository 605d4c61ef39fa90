import { FmopsError } from "../../errors/index.js";
import type {
  ChatModel,
  ChatRequest,
  ChatResponse,
  ModelSpec,
} from "../../spec/index.js";
import { badResponseError } from "./call-errors.js";
import { callTeamCode } from "./call-team-code.js";
import { describeKind } from "./describe-kind.js";
import { loadModuleExport } from "./load-module-export.js";
import {
  describeLocation,
  type ModuleLocation,
  resolveModuleLocation,
} from "./module-location.js";
import { ANSWER_OBJECT_SHAPE, readAnswerObject } from "./read-answer-object.js";
import type { AnswerReading } from "./reported-answer.js";
import { toChatResponse } from "./to-chat-response.js";

/**
 * What a `module` export must be: a function given the request that
 * answers with text or `{ text, usage? }`, directly or as a promise.
 */
export type AnswerFunction = (request: ChatRequest) => unknown;

export interface ModuleChatModelOptions {
  /** Milliseconds clock used for `latencyMs`. @default performance.now */
  now?: () => number;
}

/**
 * A team's own answering function, imported from a TypeScript or
 * JavaScript file and called once per case. The file is loaded on the
 * first call and kept for the life of the model.
 */
export class ModuleChatModel implements ChatModel {
  readonly provider = "module";
  readonly modelId: string;
  readonly #location: ModuleLocation;
  readonly #now: () => number;
  #answerFunction: Promise<AnswerFunction> | undefined;

  constructor(spec: ModelSpec, options: ModuleChatModelOptions = {}) {
    this.modelId = spec.model;
    this.#location = resolveModuleLocation(spec);
    this.#now = options.now ?? (() => performance.now());
  }

  async generate(request: ChatRequest): Promise<ChatResponse> {
    const answerFunction = await this.#load();
    // Loading is a one-off cost, so the clock starts after it.
    const startMs = this.#now();
    const value = await callTeamCode(this, request, () =>
      answerFunction(request),
    );
    const reading = readFunctionResult(value);
    if (!reading.isReadable) {
      throw badResponseError(
        this,
        `${reading.problem}; expected a string or ${ANSWER_OBJECT_SHAPE}`,
        null,
      );
    }
    return toChatResponse(request, reading.answer, this.#now() - startMs);
  }

  #load(): Promise<AnswerFunction> {
    this.#answerFunction ??= loadAnswerFunction(this.#location);
    return this.#answerFunction;
  }
}

async function loadAnswerFunction(
  location: ModuleLocation,
): Promise<AnswerFunction> {
  const value = await loadModuleExport(location);
  if (typeof value === "function") return value as AnswerFunction;
  throw new FmopsError(
    "CONFIG_INVALID",
    `models.${location.alias}: ${describeLocation(location)} is ` +
      `${describeKind(value)}; expected a function ` +
      "(request) => string | { text, usage? }",
  );
}

function readFunctionResult(value: unknown): AnswerReading {
  if (typeof value === "string") {
    return { isReadable: true, answer: { text: value } };
  }
  if (typeof value !== "object" || value === null) {
    return {
      isReadable: false,
      problem: `the function returned ${describeKind(value)}`,
    };
  }
  return readAnswerObject(value);
}
