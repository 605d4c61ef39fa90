import { readFileSync } from "node:fs";
import { posix } from "node:path";
import type { PromptSpec } from "../spec/experiment.js";
import { sha256 } from "../util/hash.js";
import {
  BUILTIN_PROMPT_PREFIX,
  BUILTIN_PROMPTS,
  findBuiltinPrompt,
} from "./builtin-prompts.js";
import type { FieldPath } from "./field-path.js";
import type { Resolution } from "./resolution.js";

/**
 * The id of a prompt as written: a built-in name, or a path relative to
 * the experiment file in posix form (`./prompts\a.md` → `prompts/a.md`).
 */
export function promptId(written: string): string {
  if (written.startsWith(BUILTIN_PROMPT_PREFIX)) return written;
  return posix.normalize(written.replaceAll("\\", "/"));
}

/**
 * Loads a prompt named in the experiment file: a built-in template or a
 * template file. `null` when a problem was reported for `path`.
 */
export function resolvePrompt(
  written: string,
  path: FieldPath,
  resolution: Resolution,
): PromptSpec | null {
  const id = promptId(written);
  const prompt = id.startsWith(BUILTIN_PROMPT_PREFIX)
    ? resolveBuiltinPrompt(id, path, resolution)
    : readPromptFile(id, path, resolution);
  if (prompt !== null && !prompt.template.includes("{{question}}")) {
    resolution.warn(
      `prompt ${id} has no {{question}} placeholder; the model will not ` +
        "see the question",
    );
  }
  return prompt;
}

function resolveBuiltinPrompt(
  id: string,
  path: FieldPath,
  resolution: Resolution,
): PromptSpec | null {
  const prompt = findBuiltinPrompt(id);
  if (prompt !== null) return prompt;
  const names = Object.keys(BUILTIN_PROMPTS).map(
    (name) => `${BUILTIN_PROMPT_PREFIX}${name}`,
  );
  resolution.report(path, `a prompt file or one of ${names.join(", ")}`);
  return null;
}

function readPromptFile(
  id: string,
  path: FieldPath,
  resolution: Resolution,
): PromptSpec | null {
  const absolutePath = resolution.absolutePath(id);
  try {
    const template = readFileSync(absolutePath, "utf8");
    return { id, template, contentHash: sha256(template) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "unreadable";
    resolution.report(
      path,
      "a prompt template file that exists",
      `"${id}", which cannot be read (${code} at ${absolutePath})`,
    );
    return null;
  }
}
