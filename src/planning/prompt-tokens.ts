import { renderPrompt } from "../engine/render-prompt.js";
import type { ChatMessage } from "../spec/chat-model.js";
import type { PromptSpec } from "../spec/experiment.js";
import { countTokens } from "../util/count-tokens.js";

/** Tokens between two passages of a prompt's context. */
const PASSAGE_SEPARATOR_TOKENS = countTokens("\n\n");

/**
 * Prompt tokens of a request as providers bill the text of its messages.
 * OpenAI adds a few tokens of framing per message, under 1% of a RAG
 * prompt; they are left out, as servers that do not add them bill less.
 */
export function countMessageTokens(messages: readonly ChatMessage[]): number {
  return messages.reduce(
    (total, message) => total + countTokens(message.content),
    0,
  );
}

/**
 * Prompt tokens when the retrieved chunks are not known: the template
 * filled with the question and no context, plus `passageCount` passages
 * of the chunking's mean passage length.
 */
export function estimatePromptTokens(
  prompt: PromptSpec,
  question: string,
  passageCount: number,
  meanPassageTokens: number,
): number {
  const frame = countMessageTokens(renderPrompt(prompt, question, []));
  if (passageCount === 0) return frame;
  const context =
    passageCount * meanPassageTokens +
    (passageCount - 1) * PASSAGE_SEPARATOR_TOKENS;
  return Math.round(frame + context);
}
