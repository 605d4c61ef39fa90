import type { BaseMessage } from "@langchain/core/messages";
import type { ChatRequest, GroundingPassage } from "../../spec/index.js";
import { toLangChainMessages } from "./to-langchain-messages.js";

/**
 * What a chain is invoked with. The names follow LangChain's own habits
 * (`{question}` and `{context}` in prompt templates, `messages` for a
 * messages placeholder), so most chains take it as they are.
 */
export interface ChainInput {
  question: string;
  /** The passages numbered in rank order, as fmops prompts show them. */
  context: string;
  /** The prompt fmops rendered for the case. */
  messages: BaseMessage[];
}

export function toChainInput(request: ChatRequest): ChainInput {
  return {
    question: request.question,
    context: formatNumberedPassages(request.passages),
    messages: toLangChainMessages(request.messages),
  };
}

/**
 * `[1] (documentId)` then the text, passages separated by a blank line:
 * the same layout the `{{context}}` of an fmops prompt has, so a chain
 * sees what a prompt-based model sees.
 */
export function formatNumberedPassages(passages: GroundingPassage[]): string {
  return passages
    .map((passage, index) => {
      return `[${index + 1}] (${passage.documentId})\n${passage.text}`;
    })
    .join("\n\n");
}
