import type { CellParams } from "../spec/experiment.js";
import { contentKey } from "../util/hash.js";

/** Hex digits in a cell key. */
const CELL_KEY_LENGTH = 12;

/**
 * A stable key for a cell: a hash of its canonical parameters. The model
 * counts by what it is (provider, model, parameters), not by its alias, and
 * the prompt by its id and content, so renaming an alias or reordering the
 * keys of the file keeps every key, while editing a prompt changes them.
 */
export function cellKey(params: CellParams): string {
  return contentKey(keyedParams(params), CELL_KEY_LENGTH);
}

function keyedParams(params: CellParams): unknown {
  const { chunking, model, prompt } = params;
  return {
    chunking: {
      strategy: chunking.strategy,
      size: chunking.size,
      overlap: chunking.overlap,
      unit: chunking.unit,
    },
    embedder: params.embedder,
    topK: params.topK,
    retrieval: params.retrieval,
    model:
      model === null
        ? null
        : {
            provider: model.provider,
            model: model.model,
            temperature: model.temperature,
            maxOutputTokens: model.maxOutputTokens,
          },
    prompt:
      prompt === null
        ? null
        : { id: prompt.id, contentHash: prompt.contentHash },
  };
}

/**
 * A short name for a cell, e.g.
 * `recursive 256t/32 · glove-100d · dense · k5 · reader · grounded`.
 * Parts that do not apply (no embedder, no model) are left out.
 */
export function cellLabel(params: CellParams): string {
  const parts = [
    describeChunking(params),
    params.embedder?.replace(/^local:/, ""),
    params.retrieval,
    `k${params.topK}`,
    params.model?.alias,
    params.prompt === null ? undefined : promptStem(params.prompt.id),
  ];
  return parts.filter((part) => part !== undefined).join(" · ");
}

function describeChunking({ chunking }: CellParams): string {
  if (chunking.strategy === "none") return "none";
  const unitLetter = chunking.unit === "tokens" ? "t" : "c";
  return `${chunking.strategy} ${chunking.size}${unitLetter}/${chunking.overlap}`;
}

/** `prompts/concise.md` → `concise`; `builtin:grounded` → `grounded`. */
function promptStem(promptId: string): string {
  const name = promptId.split(/[/:]/).pop() ?? promptId;
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(0, dot) : name;
}
