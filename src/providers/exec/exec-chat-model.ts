import { ExecaError, execa } from "execa";
import { FmopsError, ProviderCallError } from "../../errors/index.js";
import type {
  ChatModel,
  ChatRequest,
  ChatResponse,
  ModelSpec,
} from "../../spec/index.js";
import {
  abortedCallError,
  badResponseError,
  describeModel,
  thrownCallError,
} from "../module/call-errors.js";
import { ANSWER_OBJECT_SHAPE } from "../module/read-answer-object.js";
import { toChatResponse } from "../module/to-chat-response.js";
import { toExecInput } from "./exec-input.js";
import { parseExecOutput } from "./parse-exec-output.js";

/** How much of unreadable stdout an error message quotes. */
const QUOTED_STDOUT_CHARACTERS = 200;
/** How much of stderr a failed call keeps: its end, where errors are. */
const STDERR_TAIL_CHARACTERS = 2_000;
const DEFAULT_FORCE_KILL_AFTER_MS = 2_000;

export interface ExecChatModelOptions {
  /** Folder the command runs in: the experiment file's folder. */
  cwd: string;
  /**
   * How long a cancelled program may take to exit after SIGTERM before it
   * is sent SIGKILL. @default 2000
   */
  forceKillAfterMs?: number;
  /** Milliseconds clock used for `latencyMs`. @default performance.now */
  now?: () => number;
}

/**
 * A team's own program, run once per case: the request goes in as JSON on
 * stdin, the answer comes back as JSON on stdout. The command runs without
 * a shell, so arguments are passed exactly as written.
 */
export class ExecChatModel implements ChatModel {
  readonly provider = "exec";
  readonly modelId: string;
  readonly #command: [string, ...string[]];
  readonly #cwd: string;
  readonly #forceKillAfterMs: number;
  readonly #now: () => number;

  constructor(spec: ModelSpec, options: ExecChatModelOptions) {
    this.modelId = spec.model;
    this.#command = resolveCommand(spec);
    this.#cwd = options.cwd;
    this.#forceKillAfterMs =
      options.forceKillAfterMs ?? DEFAULT_FORCE_KILL_AFTER_MS;
    this.#now = options.now ?? (() => performance.now());
  }

  async generate(request: ChatRequest): Promise<ChatResponse> {
    const signal = request.abortSignal;
    if (signal?.aborted) throw abortedCallError(this, signal);
    const startMs = this.#now();
    const stdout = await this.#run(request);
    const latencyMs = this.#now() - startMs;

    const reading = parseExecOutput(stdout);
    if (!reading.isReadable) {
      const quoted = JSON.stringify(stdout.slice(0, QUOTED_STDOUT_CHARACTERS));
      throw badResponseError(
        this,
        `${reading.problem}; expected one JSON object ${ANSWER_OBJECT_SHAPE}, ` +
          `got ${quoted}`,
        stdout,
      );
    }
    return toChatResponse(request, reading.answer, latencyMs);
  }

  /** Runs the program and returns its stdout. */
  async #run(request: ChatRequest): Promise<string> {
    const [program, ...programArguments] = this.#command;
    try {
      const result = await execa(program, programArguments, {
        cwd: this.#cwd,
        input: JSON.stringify(toExecInput(request)),
        cancelSignal: request.abortSignal,
        forceKillAfterDelay: this.#forceKillAfterMs,
      });
      return result.stdout;
    } catch (error) {
      throw this.#failure(error, request.abortSignal);
    }
  }

  #failure(error: unknown, signal: AbortSignal | undefined): ProviderCallError {
    if (signal?.aborted) return abortedCallError(this, signal);
    if (error instanceof ExecaError) return programFailure(this, error);
    return thrownCallError(this, error);
  }
}

function resolveCommand(spec: ModelSpec): [string, ...string[]] {
  const command = spec.settings?.command;
  const [program, ...programArguments] = command ?? [];
  if (program === undefined || program === "") {
    throw new FmopsError(
      "CONFIG_INVALID",
      `models.${spec.alias}.settings.command: expected the program and its ` +
        `arguments as a list, such as ["python", "reader.py"], got ` +
        JSON.stringify(command ?? null),
    );
  }
  return [program, ...programArguments];
}

/**
 * A program that could not start, exited non-zero or was killed. A script
 * that fails usually fails again on the same input, so no retry.
 */
function programFailure(
  model: ExecChatModel,
  error: ExecaError,
): ProviderCallError {
  const stderr = typeof error.stderr === "string" ? error.stderr : "";
  const lastLine = stderr.trimEnd().split("\n").pop() ?? "";
  const detail = lastLine === "" ? "" : `: ${lastLine}`;
  return new ProviderCallError(
    `${describeModel(model)}: ${oneLine(error.shortMessage)}${detail}`,
    {
      provider: model.provider,
      modelId: model.modelId,
      errorClass: "server",
      responseBody:
        stderr === "" ? null : stderr.slice(-STDERR_TAIL_CHARACTERS),
      isRetryable: false,
    },
    { cause: error },
  );
}

/** Spawn errors come on two lines; a calls table shows one. */
function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, "; ");
}
