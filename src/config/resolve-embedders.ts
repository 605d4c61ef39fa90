import {
  isEmbedderId,
  parseEmbedderId,
} from "../providers/provider-catalog.js";
import type {
  Cell,
  EmbedderSpec,
  ProviderSettings,
} from "../spec/experiment.js";
import type {
  EmbedderSettingsInput,
  ExperimentInput,
} from "./experiment-input.js";
import type { Resolution } from "./resolution.js";

/**
 * The dense embedders the cells use, each with the settings given under
 * `embedders:`. Settings for an embedder neither a cell nor an evaluator
 * uses are a warning; an id that is not an embedder is an error.
 */
export function resolveEmbedders(
  input: ExperimentInput["embedders"],
  cells: readonly Cell[],
  resolution: Resolution,
  evaluatorEmbedderIds: readonly string[] = [],
): EmbedderSpec[] {
  const written = input ?? {};
  for (const id of Object.keys(written)) {
    if (!isEmbedderId(id) || id.startsWith("local:")) {
      resolution.report(
        ["embedders", id],
        "a remote embedder id such as openai:text-embedding-3-small",
        `"${id}"`,
      );
    }
  }
  const used = usedEmbedderIds(cells);
  const unused = Object.keys(written).filter(
    (id) => !used.includes(id) && !evaluatorEmbedderIds.includes(id),
  );
  if (unused.length > 0) {
    resolution.warn(
      `embedders ${unused.join(", ")} have settings but no cell uses them`,
    );
  }
  return used.flatMap((id) => embedderSpecFor(id, written) ?? []);
}

/** Ids of the embedders whose vectors some cell searches, in cell order. */
function usedEmbedderIds(cells: readonly Cell[]): string[] {
  const ids = new Set<string>();
  for (const { params } of cells) {
    const isDense = params.retrieval !== "bm25";
    if (
      isDense &&
      params.embedder !== null &&
      params.embedder !== "local:bm25"
    ) {
      ids.add(params.embedder);
    }
  }
  return [...ids];
}

/**
 * The embedder `id` with its settings from `embedders:`; `null` when `id`
 * is not of the form `provider:model`.
 */
export function embedderSpecFor(
  id: string,
  input: ExperimentInput["embedders"],
): EmbedderSpec | null {
  const parsed = parseEmbedderId(id);
  if (parsed === null) return null;
  return { id, ...parsed, settings: toSettings(input?.[id]) };
}

function toSettings(
  input: EmbedderSettingsInput | undefined,
): ProviderSettings {
  const settings: ProviderSettings = {};
  if (input === undefined) return settings;
  if (input.base_url !== undefined) settings.baseUrl = input.base_url;
  if (input.api_key_env !== undefined) settings.apiKeyEnv = input.api_key_env;
  if (input.region !== undefined) settings.region = input.region;
  if (input.endpoint !== undefined) settings.endpoint = input.endpoint;
  if (input.batch_size !== undefined) settings.batchSize = input.batch_size;
  if (input.dimensions !== undefined) settings.dimensions = input.dimensions;
  return settings;
}
