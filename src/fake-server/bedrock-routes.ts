import { createHash, randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import { EventStreamCodec } from "@smithy/eventstream-codec";
import { fromUtf8, toUtf8 } from "@smithy/util-utf8";
import { z } from "zod";
import { decodeTokens, encodeTokens } from "../util/count-tokens.js";
import { fakeEmbedding, fakePromptTokens, fakeReply } from "./fake-content.js";
import type {
  FakeReply,
  FakeRequestContext,
  FakeRoute,
  FaultWriter,
} from "./fake-route.js";
import type { ResolvedFakeServerOptions } from "./fake-server-options.js";
import { writeJson } from "./write-json.js";

/**
 * An error Bedrock answers with. The SDK reads its type from the
 * `x-amzn-errortype` header and its text from the body's `message`.
 */
class BedrockFakeError extends Error {
  readonly statusCode: number;
  readonly errorType: string;

  constructor(statusCode: number, errorType: string, message: string) {
    super(message);
    this.statusCode = statusCode;
    this.errorType = errorType;
  }
}

const EVENT_STREAM_CONTENT_TYPE = "application/vnd.amazon.eventstream";
/** Most content deltas one streamed answer is cut into. */
const MAX_STREAM_DELTAS = 4;
const COHERE_MAX_TEXTS = 96;
const TITAN_V2_DIMENSIONS = [256, 512, 1_024];

const eventStreamCodec = new EventStreamCodec(toUtf8, fromUtf8);

const contentBlocksSchema = z.array(z.looseObject({ text: z.string() }));

const converseBodySchema = z.object({
  messages: z
    .array(
      z.object({
        role: z.enum(["user", "assistant"]),
        content: contentBlocksSchema.min(1),
      }),
    )
    .min(1),
  system: contentBlocksSchema.optional(),
  inferenceConfig: z
    .object({
      maxTokens: z.int().min(1).optional(),
      temperature: z.number().min(0).max(1).optional(),
      topP: z.number().min(0).max(1).optional(),
      stopSequences: z.array(z.string()).optional(),
    })
    .optional(),
});

type ConverseBody = z.infer<typeof converseBodySchema>;

const titanV1BodySchema = z.strictObject({ inputText: z.string().min(1) });

const titanV2BodySchema = z.strictObject({
  inputText: z.string().min(1),
  dimensions: z
    .int()
    .refine((value) => TITAN_V2_DIMENSIONS.includes(value))
    .optional(),
  normalize: z.boolean().optional(),
});

const cohereBodySchema = z.object({
  texts: z.array(z.string().min(1)).min(1).max(COHERE_MAX_TEXTS),
  input_type: z.enum([
    "search_document",
    "search_query",
    "classification",
    "clustering",
  ]),
  truncate: z.enum(["NONE", "START", "END"]).optional(),
});

/** The answer the fake model gives to one Converse request. */
interface FakeAnswer {
  text: string;
  stopReason: "end_turn" | "max_tokens";
  inputTokens: number;
  outputTokens: number;
}

/** Embedding models the fake serves, by the family of their wire format. */
const EMBEDDING_MODELS: Record<string, "titan-v1" | "titan-v2" | "cohere"> = {
  "amazon.titan-embed-text-v1": "titan-v1",
  "amazon.titan-embed-text-v2:0": "titan-v2",
  "cohere.embed-english-v3": "cohere",
  "cohere.embed-multilingual-v3": "cohere",
};

/** Bedrock Runtime's restJson1 endpoints, as the AWS SDK calls them. */
export const bedrockRoutes: FakeRoute[] = [
  {
    method: "POST",
    path: /^\/model\/(?<modelId>[^/]+)\/converse$/,
    vendor: "bedrock",
    prepare: (context) => answerOrFail(context, handleConverse),
  },
  {
    method: "POST",
    path: /^\/model\/(?<modelId>[^/]+)\/converse-stream$/,
    vendor: "bedrock",
    prepare: (context) => answerOrFail(context, handleConverseStream),
  },
  {
    method: "POST",
    path: /^\/model\/(?<modelId>[^/]+)\/invoke$/,
    vendor: "bedrock",
    prepare: (context) => answerOrFail(context, handleInvoke),
  },
];

/** Injected failures, written the way Bedrock writes them. */
export const writeBedrockFault: FaultWriter = (fault, context) => {
  if (fault === "429") {
    writeBedrockError(
      context.response,
      new BedrockFakeError(
        429,
        "ThrottlingException",
        "Too many requests, please wait before trying again.",
      ),
      { "retry-after": String(context.options.retryAfterSeconds) },
    );
    return;
  }
  if (fault === "500") {
    writeBedrockError(
      context.response,
      new BedrockFakeError(
        500,
        "InternalServerException",
        "The system encountered an unexpected error during processing.",
      ),
    );
    return;
  }
  writeMalformedBody(context);
};

/** The route's answer, or the Bedrock error it threw while reading the request. */
function answerOrFail(
  context: FakeRequestContext,
  prepare: (context: FakeRequestContext) => FakeReply,
): FakeReply {
  try {
    return prepare(context);
  } catch (error) {
    if (!(error instanceof BedrockFakeError)) throw error;
    return () => writeBedrockError(context.response, error);
  }
}

function handleConverse(context: FakeRequestContext): FakeReply {
  const body = parseBody(context, converseBodySchema);
  assertChatModel(context.pathParameters.modelId ?? "");
  const answer = answerConverse(body, context.options);
  const reply = {
    output: {
      message: { role: "assistant", content: [{ text: answer.text }] },
    },
    stopReason: answer.stopReason,
    usage: usageOf(answer),
    metrics: { latencyMs: context.options.latencyMs },
  };
  return () =>
    writeJson(context.response, 200, reply, {
      "x-amzn-requestid": randomUUID(),
    });
}

/**
 * ConverseStream's events, encoded before the answer is due: the message
 * start goes with the first delta, the stop and metadata events with the
 * last, and the server pauses only between deltas.
 */
function handleConverseStream(context: FakeRequestContext): FakeReply {
  const body = parseBody(context, converseBodySchema);
  assertChatModel(context.pathParameters.modelId ?? "");
  const answer = answerConverse(body, context.options);
  const deltas = splitIntoDeltas(answer.text);
  const metrics = { latencyMs: context.options.latencyMs * deltas.length };
  const parts: Uint8Array[][] = deltas.map((delta) => [
    encodeEvent("contentBlockDelta", {
      contentBlockIndex: 0,
      delta: { text: delta },
    }),
  ]);
  parts[0]?.unshift(encodeEvent("messageStart", { role: "assistant" }));
  parts
    .at(-1)
    ?.push(
      encodeEvent("contentBlockStop", { contentBlockIndex: 0 }),
      encodeEvent("messageStop", { stopReason: answer.stopReason }),
      encodeEvent("metadata", { usage: usageOf(answer), metrics }),
    );
  return async () => {
    const { response } = context;
    response.writeHead(200, {
      "content-type": EVENT_STREAM_CONTENT_TYPE,
      "x-amzn-requestid": randomUUID(),
    });
    for (const [index, events] of parts.entries()) {
      if (index > 0) await context.pauseBetweenDeltas();
      if (response.destroyed) return; // the client went away
      response.write(Buffer.concat(events));
    }
    response.end();
  };
}

function handleInvoke(context: FakeRequestContext): FakeReply {
  const modelId = context.pathParameters.modelId ?? "";
  const family = EMBEDDING_MODELS[modelId];
  if (family === undefined) {
    throw new BedrockFakeError(
      404,
      "ResourceNotFoundException",
      `Model ${modelId} is not served here; the fake serves the embedding ` +
        `models ${Object.keys(EMBEDDING_MODELS).join(", ")}.`,
    );
  }
  const { payload, inputTokens } =
    family === "cohere"
      ? embedCohere(context)
      : embedTitan(context, family === "titan-v2");
  return () =>
    writeJson(context.response, 200, payload, {
      "x-amzn-requestid": randomUUID(),
      "x-amzn-bedrock-input-token-count": String(inputTokens),
      "x-amzn-bedrock-invocation-latency": String(context.options.latencyMs),
    });
}

function embedTitan(context: FakeRequestContext, isVersion2: boolean) {
  if (!isVersion2) {
    const body = parseBody(context, titanV1BodySchema);
    return titanReply(body.inputText, 1_536, false);
  }
  const body = parseBody(context, titanV2BodySchema);
  return titanReply(body.inputText, body.dimensions ?? 1_024, true);
}

function titanReply(
  inputText: string,
  dimensions: number,
  isVersion2: boolean,
) {
  const embedding = fakeEmbedding(inputText, dimensions);
  const inputTokens = fakePromptTokens([inputText]);
  // Version 2 repeats the vector by type; version 1 predates that field.
  const byType = isVersion2 ? { embeddingsByType: { float: embedding } } : {};
  const payload = { embedding, ...byType, inputTextTokenCount: inputTokens };
  return { payload, inputTokens };
}

function embedCohere(context: FakeRequestContext) {
  const body = parseBody(context, cohereBodySchema);
  const payload = {
    // Derived from the request so equal requests get equal replies.
    id: createHash("sha256").update(context.body).digest("hex").slice(0, 32),
    embeddings: body.texts.map((text) => fakeEmbedding(text, 1_024)),
    response_type: "embeddings_floats",
    texts: body.texts,
  };
  return { payload, inputTokens: fakePromptTokens(body.texts) };
}

function answerConverse(
  body: ConverseBody,
  options: ResolvedFakeServerOptions,
): FakeAnswer {
  assertAlternatingTurns(body);
  const lastUserText = textOf(
    body.messages.findLast((message) => message.role === "user")?.content ?? [],
  );
  const maxTokens = body.inferenceConfig?.maxTokens ?? Number.POSITIVE_INFINITY;
  const promptTexts = [
    ...(body.system ?? []).map((block) => block.text),
    ...body.messages.flatMap((message) => message.content.map((b) => b.text)),
  ];
  // Each generated word is one token, so cutting tokens cuts whole words.
  const tokens = encodeTokens(
    options.reply?.(lastUserText) ??
      fakeReply(lastUserText, options.outputTokens),
  );
  const isCut = tokens.length > maxTokens;
  const kept = isCut ? tokens.slice(0, maxTokens) : tokens;
  return {
    text: decodeTokens(kept),
    stopReason: isCut ? "max_tokens" : "end_turn",
    inputTokens: fakePromptTokens(promptTexts),
    outputTokens: kept.length,
  };
}

/** Converse wants the user first, then user and assistant in turn. */
function assertAlternatingTurns(body: ConverseBody): void {
  body.messages.forEach((message, index) => {
    const expectedRole = index % 2 === 0 ? "user" : "assistant";
    if (message.role !== expectedRole) {
      throw new BedrockFakeError(
        400,
        "ValidationException",
        `A conversation must start with a user message and alternate ` +
          `between user and assistant roles; messages.${index}.role is ` +
          `"${message.role}", expected "${expectedRole}".`,
      );
    }
  });
}

function assertChatModel(modelId: string): void {
  if (EMBEDDING_MODELS[modelId] === undefined) return;
  throw new BedrockFakeError(
    400,
    "ValidationException",
    `The model ${modelId} does not support the Converse API.`,
  );
}

function parseBody<Output>(
  context: FakeRequestContext,
  schema: z.ZodType<Output>,
): Output {
  let value: unknown;
  try {
    value = JSON.parse(context.body.toString("utf8"));
  } catch {
    throw new BedrockFakeError(
      400,
      "ValidationException",
      "Malformed input request: the body is not valid JSON.",
    );
  }
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue?.path.join(".") || "body";
  throw new BedrockFakeError(
    400,
    "ValidationException",
    `Malformed input request: ${where}: ${issue?.message ?? "invalid"}`,
  );
}

function textOf(blocks: readonly { text: string }[]): string {
  return blocks.map((block) => block.text).join("\n");
}

function usageOf(answer: FakeAnswer) {
  return {
    inputTokens: answer.inputTokens,
    outputTokens: answer.outputTokens,
    totalTokens: answer.inputTokens + answer.outputTokens,
  };
}

/** Cuts a reply at word boundaries into a few deltas that join back to it. */
function splitIntoDeltas(text: string): string[] {
  const words = text.split(/(?=\s)/u);
  const size = Math.max(1, Math.ceil(words.length / MAX_STREAM_DELTAS));
  const deltas: string[] = [];
  for (let start = 0; start < words.length; start += size) {
    deltas.push(words.slice(start, start + size).join(""));
  }
  return deltas.length > 0 ? deltas : [""];
}

/** One event of an `application/vnd.amazon.eventstream` body. */
function encodeEvent(eventType: string, payload: unknown): Uint8Array {
  return eventStreamCodec.encode({
    headers: {
      ":event-type": { type: "string", value: eventType },
      ":content-type": { type: "string", value: "application/json" },
      ":message-type": { type: "string", value: "event" },
    },
    body: fromUtf8(JSON.stringify(payload)),
  });
}

function writeBedrockError(
  response: ServerResponse,
  error: BedrockFakeError,
  headers: Record<string, string> = {},
): void {
  writeJson(
    response,
    error.statusCode,
    { message: error.message },
    {
      "x-amzn-errortype": error.errorType,
      "x-amzn-requestid": randomUUID(),
      ...headers,
    },
  );
}

/** A 200 whose body cannot be read: cut-off JSON, or bytes no codec takes. */
function writeMalformedBody(context: FakeRequestContext): void {
  const isStream = (context.request.url ?? "").endsWith("/converse-stream");
  const body = '{"output": {"message": {"role": "assistant", "content": [';
  context.response.writeHead(200, {
    "content-type": isStream ? EVENT_STREAM_CONTENT_TYPE : "application/json",
    "content-length": Buffer.byteLength(body),
  });
  context.response.end(body);
}
