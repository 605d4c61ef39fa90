import type {
  ChatMessage,
  ChatRequest,
  GroundingPassage,
} from "../../spec/index.js";

/**
 * The JSON object an `exec` program reads on stdin, once per case.
 * Parameters the experiment leaves unset are `null`, never missing, so a
 * program can rely on every key.
 */
export interface ExecInput {
  /** The raw question of the case. */
  question: string;
  /** The rendered prompt, as a chat model would receive it. */
  messages: ChatMessage[];
  /** Retrieved passages in rank order. */
  passages: GroundingPassage[];
  temperature: number | null;
  maxOutputTokens: number | null;
}

export function toExecInput(request: ChatRequest): ExecInput {
  return {
    question: request.question,
    messages: request.messages,
    passages: request.passages,
    temperature: request.temperature ?? null,
    maxOutputTokens: request.maxOutputTokens ?? null,
  };
}
