import type { ChatMessage } from "../spec/chat-model.js";
import type { SearchHit } from "../spec/search-index.js";

const SYSTEM_MARKER = /^---\s*user\s*---\s*$/m;
const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

/** One part of a template: text around placeholders, and the placeholders. */
interface TemplatePart {
  /** One more than `slots`: the text before, between and after them. */
  texts: string[];
  /** Each placeholder's name, and how it is written, for want of a value. */
  slots: Array<{ name: string; written: string }>;
}

interface CompiledTemplate {
  system: TemplatePart | null;
  user: TemplatePart;
}

/**
 * Templates already taken apart. A run fills the same few templates once
 * per case; the bound only guards against a caller that makes new ones.
 */
const compiledTemplates = new Map<string, CompiledTemplate>();
const MAX_COMPILED_TEMPLATES = 256;

/**
 * Fills a template's `{{name}}` placeholders and splits it into messages.
 * A template may hold a system part and a user part separated by a
 * `--- user ---` line; without it the whole template is the user message.
 * The template is split before it is filled, so a question or passage
 * holding such a line stays in the message it was put in. Placeholders
 * without a value are left as written.
 */
export function renderTemplate(
  template: string,
  variables: Record<string, string>,
): ChatMessage[] {
  const { system, user } = compile(template);
  const userMessage: ChatMessage = {
    role: "user",
    content: fill(user, variables).trim(),
  };
  if (system === null) return [userMessage];
  return [
    { role: "system", content: fill(system, variables).trim() },
    userMessage,
  ];
}

function compile(template: string): CompiledTemplate {
  let compiled = compiledTemplates.get(template);
  if (compiled === undefined) {
    const [first = "", ...rest] = template.split(SYSTEM_MARKER);
    compiled =
      rest.length === 0
        ? { system: null, user: toPart(first) }
        : { system: toPart(first), user: toPart(rest.join("\n")) };
    if (compiledTemplates.size >= MAX_COMPILED_TEMPLATES) {
      compiledTemplates.clear();
    }
    compiledTemplates.set(template, compiled);
  }
  return compiled;
}

function toPart(text: string): TemplatePart {
  const texts: string[] = [];
  const slots: TemplatePart["slots"] = [];
  let start = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    texts.push(text.slice(start, match.index));
    slots.push({ name: match[1] as string, written: match[0] });
    start = match.index + match[0].length;
  }
  texts.push(text.slice(start));
  return { texts, slots };
}

function fill(part: TemplatePart, variables: Record<string, string>): string {
  let filled = part.texts[0] ?? "";
  part.slots.forEach(({ name, written }, index) => {
    filled += variables[name] ?? written;
    filled += part.texts[index + 1] ?? "";
  });
  return filled;
}

/** Passages numbered in rank order, each with the document it came from. */
export function formatContext(hits: readonly SearchHit[]): string {
  return hits
    .map((hit, index) => `[${index + 1}] (${hit.documentId})\n${hit.text}`)
    .join("\n\n");
}
