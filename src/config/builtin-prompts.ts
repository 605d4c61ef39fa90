import type { PromptSpec } from "../spec/experiment.js";
import { sha256 } from "../util/hash.js";

/** Prompt ids that name a template shipped with fmops start with this. */
export const BUILTIN_PROMPT_PREFIX = "builtin:";

/** The prompt used when the matrix has models but no `prompt` axis. */
export const DEFAULT_PROMPT_ID = "builtin:grounded";

/*
 * A system part with the rules, then the case; the engine splits the two
 * at the `--- user ---` line and sends them as system and user messages.
 */
const GROUNDED_TEMPLATE = `You answer questions using only the context you are given.
If the context does not contain the answer, say that you do not know.
Answer in a few words or one short sentence; do not explain.
--- user ---
Context:
{{context}}

Question: {{question}}
Answer:`;

/** Templates shipped with fmops, by name (the part after `builtin:`). */
export const BUILTIN_PROMPTS: Readonly<Record<string, string>> = {
  grounded: GROUNDED_TEMPLATE,
};

/** The built-in prompt with this id (`builtin:NAME`), or `null`. */
export function findBuiltinPrompt(id: string): PromptSpec | null {
  if (!id.startsWith(BUILTIN_PROMPT_PREFIX)) return null;
  const template = BUILTIN_PROMPTS[id.slice(BUILTIN_PROMPT_PREFIX.length)];
  if (template === undefined) return null;
  return { id, template, contentHash: sha256(template) };
}

/** The prompt cells with a model get when the experiment names none. */
export function defaultPrompt(): PromptSpec {
  return {
    id: DEFAULT_PROMPT_ID,
    template: GROUNDED_TEMPLATE,
    contentHash: sha256(GROUNDED_TEMPLATE),
  };
}
