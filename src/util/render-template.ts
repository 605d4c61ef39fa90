import type { ChatMessage } from "../spec/chat-model.js";
import type { SearchHit } from "../spec/search-index.js";

const SYSTEM_MARKER = /^---\s*user\s*---\s*$/m;

/**
 * Fills a template's `{{name}}` placeholders and splits it into messages.
 * A template may hold a system part and a user part separated by a
 * `--- user ---` line; without it the whole template is the user message.
 * Placeholders without a value are left as written.
 */
export function renderTemplate(
  template: string,
  variables: Record<string, string>,
): ChatMessage[] {
  const filled = fillTemplate(template, variables);
  const parts = filled.split(SYSTEM_MARKER);
  if (parts.length < 2) return [{ role: "user", content: filled.trim() }];

  const [system = "", ...rest] = parts;
  return [
    { role: "system", content: system.trim() },
    { role: "user", content: rest.join("\n").trim() },
  ];
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

/** Passages numbered in rank order, each with the document it came from. */
export function formatContext(hits: readonly SearchHit[]): string {
  return hits
    .map((hit, index) => `[${index + 1}] (${hit.documentId})\n${hit.text}`)
    .join("\n\n");
}
