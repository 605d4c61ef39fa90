import {
  EMBEDDER_ID_HELP,
  isEmbedderId,
} from "../providers/provider-catalog.js";
import type {
  ModelSpec,
  PromptSpec,
  RetrievalMode,
} from "../spec/experiment.js";
import { defaultPrompt } from "./builtin-prompts.js";
import type { ExperimentInput } from "./experiment-input.js";
import type { MatrixAxes } from "./matrix-axes.js";
import type { Resolution } from "./resolution.js";
import { resolveChunking } from "./resolve-chunking.js";
import { resolvePrompt } from "./resolve-prompt.js";

type MatrixInput = ExperimentInput["matrix"];

/** Retrieval when the matrix has no `retrieval` axis. */
const DEFAULT_RETRIEVAL: RetrievalMode[] = ["dense"];

/**
 * The values of every axis, checked and resolved. `null` when a problem
 * was reported; every axis is still checked so one error lists them all.
 */
export function resolveAxes(
  matrix: MatrixInput,
  models: ReadonlyMap<string, ModelSpec>,
  resolution: Resolution,
): MatrixAxes | null {
  const retrieval = matrix.retrieval ?? DEFAULT_RETRIEVAL;
  const chunking = matrix.chunking.map((entry, index) =>
    resolveChunking(entry, ["matrix", "chunking", index], resolution),
  );
  const embedder = resolveEmbedders(matrix, retrieval, resolution);
  const model = resolveModelAxis(matrix, models, resolution);
  const prompt = resolvePromptAxis(matrix, resolution);
  return allNonEmpty({
    chunking,
    embedder,
    topK: matrix.top_k,
    retrieval,
    model,
    prompt,
  });
}

function resolveEmbedders(
  matrix: MatrixInput,
  retrieval: RetrievalMode[],
  resolution: Resolution,
): (string | null)[] {
  if (matrix.embedder === undefined) {
    if (retrieval.every((mode) => mode === "bm25")) return [null];
    resolution.report(
      ["matrix", "embedder"],
      `a list of embedders for ${denseModes(retrieval)} retrieval ` +
        `(one of ${EMBEDDER_ID_HELP})`,
    );
    return [];
  }
  return matrix.embedder.filter((id, index) => {
    if (isEmbedderId(id)) return true;
    resolution.report(
      ["matrix", "embedder", index],
      `one of ${EMBEDDER_ID_HELP}`,
    );
    return false;
  });
}

function denseModes(modes: RetrievalMode[]): string {
  return [...new Set(modes.filter((mode) => mode !== "bm25"))].join(" and ");
}

function resolveModelAxis(
  matrix: MatrixInput,
  models: ReadonlyMap<string, ModelSpec>,
  resolution: Resolution,
): (ModelSpec | null)[] {
  if (matrix.model === undefined) return [null];
  const declared = [...models.keys()];
  const expected =
    declared.length === 0
      ? "a model alias declared under models (none is declared)"
      : `a model alias declared under models (${declared.join(", ")})`;
  return matrix.model.flatMap((alias, index) => {
    const model = models.get(alias);
    if (model !== undefined) return [model];
    resolution.report(["matrix", "model", index], expected);
    return [];
  });
}

function resolvePromptAxis(
  matrix: MatrixInput,
  resolution: Resolution,
): (PromptSpec | null)[] {
  if (matrix.model === undefined) {
    if (matrix.prompt !== undefined) {
      resolution.warn(
        "matrix.prompt is ignored: prompts are used only when the matrix " +
          "has a model axis",
      );
    }
    return [null];
  }
  if (matrix.prompt === undefined) return [defaultPrompt()];
  return matrix.prompt.flatMap((written, index) => {
    const prompt = resolvePrompt(
      written,
      ["matrix", "prompt", index],
      resolution,
    );
    return prompt === null ? [] : [prompt];
  });
}

type PossiblyEmptyAxes = {
  [Axis in keyof MatrixAxes]: MatrixAxes[Axis][number][];
};

/** The axes, typed as non-empty, or `null` when one has no valid value. */
function allNonEmpty(axes: PossiblyEmptyAxes): MatrixAxes | null {
  const lists = Object.values(axes) as unknown[][];
  if (lists.some((list) => list.length === 0)) return null;
  return axes as MatrixAxes;
}
