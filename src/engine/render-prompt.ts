import type { ChatMessage } from "../spec/chat-model.js";
import type { PromptSpec } from "../spec/experiment.js";
import type { SearchHit } from "../spec/search-index.js";
import { formatContext, renderTemplate } from "../util/render-template.js";

export { formatContext };

/**
 * Fills a prompt template for one question: `{{question}}`, and
 * `{{context}}` with the retrieved passages; see `renderTemplate`.
 */
export function renderPrompt(
  prompt: PromptSpec,
  question: string,
  hits: SearchHit[],
): ChatMessage[] {
  return renderTemplate(prompt.template, {
    question,
    context: formatContext(hits),
  });
}
