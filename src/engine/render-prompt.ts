import type { ChatMessage } from "../spec/chat-model.js";
import type { PromptSpec } from "../spec/experiment.js";
import type { SearchHit } from "../spec/search-index.js";

const SYSTEM_MARKER = /^---\s*user\s*---\s*$/m;

/**
 * Fills a prompt template for one question. A template may hold a system
 * part and a user part separated by a `--- user ---` line; without it the
 * whole template is the user message.
 */
export function renderPrompt(
  prompt: PromptSpec,
  question: string,
  hits: SearchHit[],
): ChatMessage[] {
  const filled = fillTemplate(prompt.template, {
    question,
    context: formatContext(hits),
  });
  const parts = filled.split(SYSTEM_MARKER);
  if (parts.length < 2) return [{ role: "user", content: filled.trim() }];

  const [system = "", ...rest] = parts;
  return [
    { role: "system", content: system.trim() },
    { role: "user", content: rest.join("\n").trim() },
  ];
}

/** Passages numbered in rank order, each with the document it came from. */
export function formatContext(hits: SearchHit[]): string {
  return hits
    .map((hit, index) => `[${index + 1}] (${hit.documentId})\n${hit.text}`)
    .join("\n\n");
}

function fillTemplate(
  template: string,
  variables: Record<string, string>,
): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (placeholder, name) => {
    const value = variables[name as string];
    return value === undefined ? placeholder : value;
  });
}
