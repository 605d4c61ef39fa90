import { isEmbedderId } from "../providers/provider-catalog.js";
import type {
  EmbedderSpec,
  EvaluatorSpec,
  JudgeSpec,
} from "../spec/experiment.js";
import type { ExperimentInput } from "./experiment-input.js";
import type { FieldPath } from "./field-path.js";
import type { Resolution } from "./resolution.js";
import { embedderSpecFor } from "./resolve-embedders.js";
import { resolveModel } from "./resolve-models.js";

/** Embedder of semantic similarity and answer relevancy unless one is named. */
export const DEFAULT_EVALUATION_EMBEDDER = "local:glove-100d";

/** The judge's temperature unless `judge:` sets one: replies repeat. */
const DEFAULT_JUDGE_TEMPERATURE = 0;

/**
 * The `judge:` section: a model checked like an entry of `models:`, the
 * embedder of answer relevancy, and how often to ask again for a reply
 * that cannot be parsed. `null` when the section is absent.
 */
export function resolveJudge(
  input: Pick<ExperimentInput, "judge" | "embedders">,
  resolution: Resolution,
): JudgeSpec | null {
  const written = input.judge;
  if (written === undefined) return null;
  const model = resolveModel("judge", written, ["judge"], resolution);
  const embedder = resolveEvaluationEmbedder(
    written.embedder ?? DEFAULT_EVALUATION_EMBEDDER,
    ["judge", "embedder"],
    input.embedders,
    resolution,
  );
  return {
    model: {
      ...model,
      temperature: model.temperature ?? DEFAULT_JUDGE_TEMPERATURE,
    },
    embedder: embedder ?? defaultEvaluationEmbedder(),
    parseRetries: written.parse_retries,
  };
}

/**
 * A dense embedder an evaluator uses, with its settings from `embedders:`;
 * `null` when a problem was reported at `at`.
 */
export function resolveEvaluationEmbedder(
  id: string,
  at: FieldPath,
  embedders: ExperimentInput["embedders"],
  resolution: Resolution,
): EmbedderSpec | null {
  const isDense = id !== "local:bm25" && isEmbedderId(id);
  const spec = isDense ? embedderSpecFor(id, embedders) : null;
  if (spec !== null) return spec;
  resolution.report(
    at,
    "a dense embedder: local:glove-100d, openai:MODEL or bedrock:MODEL",
    `"${id}"`,
  );
  return null;
}

/** `local:glove-100d`: offline, free, and always available. */
export function defaultEvaluationEmbedder(): EmbedderSpec {
  return {
    id: DEFAULT_EVALUATION_EMBEDDER,
    provider: "local",
    model: "glove-100d",
    settings: {},
  };
}

/** Ids of the embedders evaluators call, for `embedders:` bookkeeping. */
export function evaluationEmbedderIds(
  judge: JudgeSpec | null,
  specs: readonly EvaluatorSpec[],
): string[] {
  const ids = specs.flatMap((spec) =>
    spec.kind === "semantic_similarity" ? [spec.embedder.id] : [],
  );
  return judge === null ? ids : [judge.embedder.id, ...ids];
}

/**
 * Warns when the `judge:` section is written but no evaluator calls its
 * model: a judge metric or rubric was probably meant, or the section is
 * left over.
 */
export function warnAboutUnusedJudge(
  judge: JudgeSpec | null,
  specs: readonly EvaluatorSpec[],
  resolution: Resolution,
): void {
  if (judge === null) return;
  const callsJudge = specs.some(
    (spec) => spec.kind === "judge" || spec.kind === "rubric",
  );
  if (callsJudge) return;
  const embedsWithJudge = specs.some(
    (spec) => spec.kind === "semantic_similarity",
  );
  resolution.warn(
    embedsWithJudge
      ? "the judge model is called by no evaluator; only its embedder is " +
          "used, by semantic_similarity"
      : "judge: is declared but no evaluator uses it; add a judge metric " +
          "or a rubric to evaluators, or remove the section",
  );
}
