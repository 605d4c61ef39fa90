import type {
  ConverseCommandInput,
  InferenceConfiguration,
  Message,
  SystemContentBlock,
} from "@aws-sdk/client-bedrock-runtime";
import type { ChatMessage, ChatRequest } from "../../spec/chat-model.js";

/** The part of a Converse request that ConverseStream shares. */
export type ConverseInput = Pick<
  ConverseCommandInput,
  "modelId" | "messages" | "system" | "inferenceConfig"
>;

/**
 * A chat request in Converse terms: system messages go to `system`, the
 * others to `messages` as text blocks, and generation parameters to
 * `inferenceConfig`.
 */
export function toConverseInput(
  modelId: string,
  request: ChatRequest,
): ConverseInput {
  const system: SystemContentBlock[] = request.messages
    .filter((message) => message.role === "system")
    .map((message) => ({ text: message.content }));
  const inferenceConfig = toInferenceConfig(request);
  return {
    modelId,
    messages: toTurns(request.messages),
    ...(system.length > 0 ? { system } : {}),
    ...(inferenceConfig === null ? {} : { inferenceConfig }),
  };
}

/**
 * Converse refuses two messages of the same role in a row, so consecutive
 * messages of one role become one turn with a text block each.
 */
function toTurns(messages: readonly ChatMessage[]): Message[] {
  const turns: Message[] = [];
  for (const message of messages) {
    if (message.role === "system") continue;
    const last = turns.at(-1);
    if (last?.role === message.role) {
      last.content?.push({ text: message.content });
    } else {
      turns.push({ role: message.role, content: [{ text: message.content }] });
    }
  }
  return turns;
}

function toInferenceConfig(
  request: ChatRequest,
): InferenceConfiguration | null {
  const config: InferenceConfiguration = {};
  if (request.temperature !== undefined) {
    config.temperature = request.temperature;
  }
  if (request.maxOutputTokens !== undefined) {
    config.maxTokens = request.maxOutputTokens;
  }
  return Object.keys(config).length > 0 ? config : null;
}
