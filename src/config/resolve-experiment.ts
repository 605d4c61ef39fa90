import { dirname, relative, sep } from "node:path";
import { ConfigError } from "../errors/config-error.js";
import type { ModelSpec, ResolvedExperiment } from "../spec/experiment.js";
import { canonicalJson, sha256 } from "../util/hash.js";
import { expandMatrix } from "./expand-matrix.js";
import type { ExperimentInput } from "./experiment-input.js";
import type { MatrixRules } from "./matrix-axes.js";
import { Resolution, type ResolveContext } from "./resolution.js";
import { resolveAxes } from "./resolve-axes.js";
import { resolveBudget } from "./resolve-budget.js";
import { resolveDataset } from "./resolve-dataset.js";
import { resolveEmbedders } from "./resolve-embedders.js";
import { resolveEvaluators } from "./resolve-evaluators.js";
import { resolveGates } from "./resolve-gates.js";
import {
  evaluationEmbedderIds,
  resolveJudge,
  warnAboutUnusedJudge,
} from "./resolve-judge.js";
import { resolveMatrixRules } from "./resolve-matrix-rules.js";
import { resolveModels } from "./resolve-models.js";
import { resolveRunSettings } from "./resolve-run-settings.js";
import { sortIssuesByLocation } from "./sort-issues-by-location.js";

/**
 * Turns a validated experiment file into what the engine runs: defaults
 * applied, paths resolved against the file's folder, names checked against
 * the catalogs and the matrix expanded into cells. Every problem found is
 * reported in one ConfigError.
 */
export function resolveExperiment(
  input: ExperimentInput,
  context: ResolveContext,
): ResolvedExperiment {
  const resolution = new Resolution(context);

  // Each resolver records its problems and goes on, so all are reported.
  const dataset = resolveDataset(input.dataset, resolution);
  const models = resolveModels(input.models, resolution);
  const axes = resolveAxes(input.matrix, models, resolution);
  const rules = resolveMatrixRules(input, models, resolution);
  const judge = resolveJudge(input, resolution);
  const evaluators = resolveEvaluators(
    input.evaluators,
    {
      hasModels: hasModels(input, rules),
      maxTopK: maxTopK(input, rules),
      judge,
      embedders: input.embedders,
    },
    resolution,
  );
  warnAboutUnusedModels(models, input, rules, resolution);
  warnAboutUnusedJudge(judge, evaluators.specs, resolution);
  const runSettings = resolveRunSettings(input, resolution);
  if (resolution.hasIssues || dataset === null || axes === null) {
    throw new ConfigError(sortIssuesByLocation(resolution.issues));
  }

  const expansion = expandMatrix(axes, rules);
  const embedders = resolveEmbedders(
    input.embedders,
    expansion.cells,
    resolution,
    evaluationEmbedderIds(judge, evaluators.specs),
  );
  const gates = resolveGates(
    input.gates,
    { evaluators: evaluators.names, cells: expansion.cells },
    resolution,
  );
  if (resolution.hasIssues) {
    throw new ConfigError(sortIssuesByLocation(resolution.issues));
  }
  const resolved: ResolvedExperiment = {
    name: input.name,
    description: input.description ?? null,
    sourcePath: context.sourcePath,
    configHash: "",
    dataset,
    cells: expansion.cells,
    evaluators: evaluators.names,
    evaluatorSpecs: evaluators.specs,
    judge,
    concurrency: input.concurrency,
    embedders,
    ...runSettings,
    maxCostUsd: resolveBudget(input.budget),
    gates,
    warnings: [...new Set([...resolution.warnings, ...expansion.warnings])],
  };
  return { ...resolved, configHash: hashConfig(resolved) };
}

function hasModels(input: ExperimentInput, rules: MatrixRules): boolean {
  if (input.matrix.model !== undefined) return true;
  return rules.include.some((entry) => entry.model != null);
}

function maxTopK(input: ExperimentInput, rules: MatrixRules): number {
  const included = rules.include.flatMap((entry) => entry.topK ?? []);
  return Math.max(...input.matrix.top_k, ...included);
}

function warnAboutUnusedModels(
  models: ReadonlyMap<string, ModelSpec>,
  input: ExperimentInput,
  rules: MatrixRules,
  resolution: Resolution,
): void {
  const used = new Set<string>(input.matrix.model ?? []);
  for (const entry of rules.include) {
    if (entry.model != null) used.add(entry.model.alias);
  }
  const unused = [...models.keys()].filter((alias) => !used.has(alias));
  if (unused.length > 0) {
    const subject =
      unused.length === 1
        ? `model ${unused[0]} is`
        : `models ${unused.join(", ")} are`;
    resolution.warn(`${subject} declared under models but used by no cell`);
  }
}

/**
 * sha256 of the canonical resolved configuration. The experiment file's
 * own path is left out and dataset paths count relative to its folder, so
 * the same experiment in another checkout or folder hashes the same.
 * Gates are left out too: they judge results and do not change them.
 */
function hashConfig(resolved: ResolvedExperiment): string {
  const {
    sourcePath,
    configHash: _unset,
    gates: _gates,
    dataset,
    ...rest
  } = resolved;
  const folder = dirname(sourcePath);
  const portableDataset = {
    ...dataset,
    corpusPath: portablePath(folder, dataset.corpusPath),
    questionsPath: portablePath(folder, dataset.questionsPath),
    qrelsPath:
      dataset.qrelsPath === null
        ? null
        : portablePath(folder, dataset.qrelsPath),
  };
  return sha256(canonicalJson({ ...rest, dataset: portableDataset }));
}

/** `to` relative to `folder`, with `/` separators on every system. */
function portablePath(folder: string, to: string): string {
  return relative(folder, to).split(sep).join("/");
}
