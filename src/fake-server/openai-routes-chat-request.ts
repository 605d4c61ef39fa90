import {
  describeReceived,
  invalid,
  type ParseResult,
  parseModelRequest,
  parseOptionalCount,
  valid,
} from "./openai-routes-parse.js";

/** What the fake chat endpoint needs from a `/v1/chat/completions` body. */
export interface FakeChatRequest {
  model: string;
  /** The text of every message, in order; the prompt the fake bills. */
  messageTexts: string[];
  /** Text of the last `user` message; replies are derived from it. */
  lastUserMessage: string;
  isStream: boolean;
  /** `stream_options.include_usage`: send a usage chunk before `[DONE]`. */
  includesUsage: boolean;
  /** `max_completion_tokens`, else `max_tokens`; `null` for no limit. */
  maxTokens: number | null;
}

const ROLES = new Set(["system", "developer", "user", "assistant", "tool"]);

/** Validates a chat completion request as strictly as OpenAI does. */
export function parseChatRequest(body: Buffer): ParseResult<FakeChatRequest> {
  const request = parseModelRequest(body);
  if (!request.isValid) return request;
  const { fields, model } = request.value;
  const messageTexts = parseMessages(fields.messages);
  if (!messageTexts.isValid) return messageTexts;
  const options = parseGenerationOptions(fields);
  if (!options.isValid) return options;

  return valid({
    model,
    messageTexts: messageTexts.value.map((message) => message.text),
    lastUserMessage: lastUserText(messageTexts.value),
    ...options.value,
  });
}

interface ParsedMessage {
  role: string;
  text: string;
}

function parseMessages(value: unknown): ParseResult<ParsedMessage[]> {
  if (!Array.isArray(value) || value.length === 0) {
    return invalid(
      `Invalid 'messages': expected a non-empty array, got ${describeReceived(value)}.`,
      "messages",
    );
  }
  const messages: ParsedMessage[] = [];
  for (const [index, entry] of value.entries()) {
    const message = parseMessage(entry, `messages[${index}]`);
    if (!message.isValid) return message;
    messages.push(message.value);
  }
  return valid(messages);
}

function parseMessage(
  value: unknown,
  param: string,
): ParseResult<ParsedMessage> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return invalid(
      `Invalid '${param}': expected an object, got ${describeReceived(value)}.`,
      param,
    );
  }
  const { role, content } = value as Record<string, unknown>;
  if (typeof role !== "string" || !ROLES.has(role)) {
    return invalid(
      `Invalid '${param}.role': expected one of ${[...ROLES].join(", ")}, ` +
        `got ${describeReceived(role)}.`,
      `${param}.role`,
    );
  }
  const text = parseContent(content, role, `${param}.content`);
  if (!text.isValid) return text;
  return valid({ role, text: text.value });
}

/** Content is a string, an array of text parts, or null for assistants. */
function parseContent(
  content: unknown,
  role: string,
  param: string,
): ParseResult<string> {
  if (typeof content === "string") return valid(content);
  if (content === null && role === "assistant") return valid("");
  if (Array.isArray(content)) return joinTextParts(content, param);
  return invalid(
    `Invalid '${param}': expected a string or an array of content parts, ` +
      `got ${describeReceived(content)}.`,
    param,
  );
}

function joinTextParts(parts: unknown[], param: string): ParseResult<string> {
  const texts: string[] = [];
  for (const [index, part] of parts.entries()) {
    const { type, text } = (part ?? {}) as Record<string, unknown>;
    if (type !== "text" || typeof text !== "string") {
      return invalid(
        `Invalid '${param}[${index}]': the fake server accepts only ` +
          `{ "type": "text", "text": string } parts.`,
        `${param}[${index}]`,
      );
    }
    texts.push(text);
  }
  return valid(texts.join(""));
}

type GenerationOptions = Pick<
  FakeChatRequest,
  "isStream" | "includesUsage" | "maxTokens"
>;

function parseGenerationOptions(
  fields: Record<string, unknown>,
): ParseResult<GenerationOptions> {
  const { stream, stream_options: streamOptions, temperature } = fields;
  if (stream !== undefined && stream !== null && typeof stream !== "boolean") {
    return invalid(
      `Invalid 'stream': expected a boolean, got ${describeReceived(stream)}.`,
      "stream",
    );
  }
  if (!isTemperature(temperature)) {
    return invalid(
      `Invalid 'temperature': expected a number from 0 to 2, got ` +
        `${describeReceived(temperature)}.`,
      "temperature",
    );
  }
  const maxTokens = parseMaxTokens(fields);
  if (!maxTokens.isValid) return maxTokens;
  return valid({
    isStream: stream === true,
    includesUsage: includesUsage(streamOptions),
    maxTokens: maxTokens.value,
  });
}

function isTemperature(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  return typeof value === "number" && value >= 0 && value <= 2;
}

/** Newer clients send `max_completion_tokens`; older ones `max_tokens`. */
function parseMaxTokens(
  fields: Record<string, unknown>,
): ParseResult<number | null> {
  const completionLimit = parseOptionalCount(
    fields.max_completion_tokens,
    "max_completion_tokens",
  );
  if (!completionLimit.isValid || completionLimit.value !== null) {
    return completionLimit;
  }
  return parseOptionalCount(fields.max_tokens, "max_tokens");
}

function includesUsage(streamOptions: unknown): boolean {
  if (streamOptions === null || typeof streamOptions !== "object") return false;
  return (streamOptions as Record<string, unknown>).include_usage === true;
}

function lastUserText(messages: readonly ParsedMessage[]): string {
  for (let index = messages.length - 1; index >= 0; index -= 1) {
    const message = messages[index];
    if (message?.role === "user") return message.text;
  }
  return "";
}
