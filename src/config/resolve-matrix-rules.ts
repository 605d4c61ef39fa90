import {
  EMBEDDER_ID_HELP,
  isEmbedderId,
} from "../providers/provider-catalog.js";
import type { ModelSpec } from "../spec/experiment.js";
import type {
  ExcludeRuleInput,
  ExperimentInput,
  IncludeEntryInput,
} from "./experiment-input.js";
import type { FieldPath } from "./field-path.js";
import type { CellOverride, CellPattern, MatrixRules } from "./matrix-axes.js";
import type { Resolution } from "./resolution.js";
import { resolveChunking } from "./resolve-chunking.js";
import { promptId, resolvePrompt } from "./resolve-prompt.js";

/**
 * The `exclude` rules and `include` entries. Exclude rules are patterns
 * and are only compared, so an unknown value there is a warning later (the
 * rule matches nothing); include entries become cells, so their values
 * are checked like axis values.
 */
export function resolveMatrixRules(
  input: ExperimentInput,
  models: ReadonlyMap<string, ModelSpec>,
  resolution: Resolution,
): MatrixRules {
  const exclude = (input.exclude ?? []).map(toCellPattern);
  const include = (input.include ?? []).map((entry, index) =>
    toCellOverride(entry, index, models, resolution),
  );
  return { exclude, include };
}

function toCellPattern(rule: ExcludeRuleInput): CellPattern {
  const pattern: CellPattern = {};
  if (rule.chunking !== undefined) pattern.chunking = { ...rule.chunking };
  if (rule.embedder !== undefined) pattern.embedder = rule.embedder;
  if (rule.top_k !== undefined) pattern.topK = rule.top_k;
  if (rule.retrieval !== undefined) pattern.retrieval = rule.retrieval;
  if (rule.model !== undefined) pattern.model = rule.model;
  if (rule.prompt !== undefined) pattern.prompt = promptId(rule.prompt);
  return pattern;
}

function toCellOverride(
  entry: IncludeEntryInput,
  index: number,
  models: ReadonlyMap<string, ModelSpec>,
  resolution: Resolution,
): CellOverride {
  const path = ["include", index];
  const override: CellOverride = {};
  if (entry.chunking !== undefined) {
    const chunkingPath = [...path, "chunking"];
    override.chunking = resolveChunking(
      entry.chunking,
      chunkingPath,
      resolution,
    );
  }
  if (entry.embedder !== undefined) {
    checkEmbedder(entry.embedder, [...path, "embedder"], resolution);
    override.embedder = entry.embedder;
  }
  if (entry.top_k !== undefined) override.topK = entry.top_k;
  if (entry.retrieval !== undefined) override.retrieval = entry.retrieval;
  if (entry.model !== undefined) {
    override.model = findModel(
      entry.model,
      [...path, "model"],
      models,
      resolution,
    );
  }
  if (entry.prompt !== undefined) {
    const prompt = resolvePrompt(entry.prompt, [...path, "prompt"], resolution);
    if (prompt !== null) override.prompt = prompt;
  }
  return override;
}

function checkEmbedder(id: string, path: FieldPath, resolution: Resolution) {
  if (!isEmbedderId(id)) {
    resolution.report(path, `one of ${EMBEDDER_ID_HELP}`);
  }
}

function findModel(
  alias: string,
  path: FieldPath,
  models: ReadonlyMap<string, ModelSpec>,
  resolution: Resolution,
): ModelSpec | null {
  const model = models.get(alias);
  if (model !== undefined) return model;
  resolution.report(path, "a model alias declared under models");
  return null;
}
