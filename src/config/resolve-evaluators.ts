import { existsSync, readFileSync } from "node:fs";
import {
  readJudgePrompt,
  rubricPrompt,
} from "../evaluation/judge/judge-prompts.js";
import {
  METRIC_NAME_HELP,
  type ParsedMetricName,
  parseMetricName,
  RETRIEVAL_JUDGE_METRICS,
} from "../evaluation/metric-name.js";
import type { EvaluatorSpec, JudgeSpec } from "../spec/experiment.js";
import type { EvaluatorInput, ExperimentInput } from "./experiment-input.js";
import type { FieldPath } from "./field-path.js";
import type { Resolution } from "./resolution.js";
import {
  defaultEvaluationEmbedder,
  resolveEvaluationEmbedder,
} from "./resolve-judge.js";
import { promptId } from "./resolve-prompt.js";

/** What the evaluators depend on elsewhere in the experiment. */
export interface EvaluatorNeeds {
  /** True when some cell generates answers (a model axis or include). */
  hasModels: boolean;
  /** The deepest retrieval of any cell. */
  maxTopK: number;
  /** The `judge:` section; judge metrics need one. */
  judge: JudgeSpec | null;
  /** Settings of remote embedders, for evaluators that name one. */
  embedders: ExperimentInput["embedders"];
}

export interface ResolvedEvaluators {
  /** Metric names in leaderboard order. */
  names: string[];
  /** How to build those that are not built in by name. */
  specs: EvaluatorSpec[];
}

type CustomEvaluatorInput = Exclude<EvaluatorInput, string>;

/**
 * Checks metric names and custom evaluators, and that the experiment
 * produces what each one scores. Repeated names are kept once, in
 * first-seen order.
 */
export function resolveEvaluators(
  entries: EvaluatorInput[],
  needs: EvaluatorNeeds,
  resolution: Resolution,
): ResolvedEvaluators {
  const resolved: ResolvedEvaluators = { names: [], specs: [] };
  entries.forEach((entry, index) => {
    const accepted =
      typeof entry === "string"
        ? resolveNamed(entry, index, needs, resolution)
        : resolveCustom(entry, index, needs, resolution);
    if (accepted === null) return;
    if (resolved.names.includes(accepted.name)) {
      resolution.warn(
        `evaluator ${accepted.name} is listed twice; it is scored once`,
      );
      return;
    }
    resolved.names.push(accepted.name);
    if (accepted.spec !== null) resolved.specs.push(accepted.spec);
  });
  return resolved;
}

interface AcceptedEvaluator {
  name: string;
  spec: EvaluatorSpec | null;
}

function resolveNamed(
  name: string,
  index: number,
  needs: EvaluatorNeeds,
  resolution: Resolution,
): AcceptedEvaluator | null {
  const metric = parseMetricName(name);
  if (metric === null) {
    resolution.report(["evaluators", index], `one of ${METRIC_NAME_HELP}`);
    return null;
  }
  if (metric.kind === "judge" && needs.judge === null) {
    reportNeedsJudge(name, ["evaluators", index], resolution);
    return null;
  }
  if (needsAnswers(metric) && !needs.hasModels) {
    reportNeedsAnswers(name, index, resolution);
    return null;
  }
  warnIfDeeperThanRetrieval(name, metric, needs, resolution);
  return { name, spec: namedSpec(name, metric, needs.judge) };
}

function needsAnswers(metric: ParsedMetricName): boolean {
  if (metric.kind === "judge") {
    return !RETRIEVAL_JUDGE_METRICS.includes(metric.metric);
  }
  return metric.kind !== "retrieval";
}

/** The spec of a metric named in the list; `null` for built-in ones. */
function namedSpec(
  name: string,
  metric: ParsedMetricName,
  judge: JudgeSpec | null,
): EvaluatorSpec | null {
  switch (metric.kind) {
    case "offline":
      return { kind: metric.metric, name };
    case "judge": {
      const prompt = readJudgePrompt(metric.metric);
      return { kind: "judge", name, metric: metric.metric, prompt };
    }
    case "similarity": {
      const embedder = judge?.embedder ?? defaultEvaluationEmbedder();
      return { kind: "semantic_similarity", name, embedder };
    }
    default:
      return null;
  }
}

function resolveCustom(
  entry: CustomEvaluatorInput,
  index: number,
  needs: EvaluatorNeeds,
  resolution: Resolution,
): AcceptedEvaluator | null {
  if (parseMetricName(entry.name) !== null) {
    resolution.report(
      ["evaluators", index, "name"],
      "a name that is not a built-in metric",
      `"${entry.name}"`,
    );
    return null;
  }
  if (!needs.hasModels) {
    reportNeedsAnswers(entry.name, index, resolution);
    return null;
  }
  const spec = customSpec(entry, index, needs, resolution);
  return spec === null ? null : { name: entry.name, spec };
}

function customSpec(
  entry: CustomEvaluatorInput,
  index: number,
  needs: EvaluatorNeeds,
  resolution: Resolution,
): EvaluatorSpec | null {
  const { name } = entry;
  if (entry.rubric !== undefined) {
    return rubricSpec(name, entry.rubric, index, needs, resolution);
  }
  if (entry.semantic_similarity !== undefined) {
    const embedder = resolveEvaluationEmbedder(
      entry.semantic_similarity.embedder,
      ["evaluators", index, "semantic_similarity", "embedder"],
      needs.embedders,
      resolution,
    );
    return embedder === null
      ? null
      : { kind: "semantic_similarity", name, embedder };
  }
  if (entry.regex !== undefined) {
    return regexSpec(name, entry.regex, entry.flags ?? "", index, resolution);
  }
  if (entry.json_schema !== undefined) {
    const schema = readSchema(entry.json_schema, index, resolution);
    return schema === null ? null : { kind: "json_schema", name, schema };
  }
  const modulePath = resolution.absolutePath(entry.module ?? "");
  if (!existsSync(modulePath)) {
    resolution.report(
      ["evaluators", index, "module"],
      "a .js or .ts file that exists",
      `"${entry.module}", where nothing exists`,
    );
    return null;
  }
  const exportName = entry.export ?? "default";
  return { kind: "module", name, modulePath, exportName };
}

function regexSpec(
  name: string,
  pattern: string,
  flags: string,
  index: number,
  resolution: Resolution,
): EvaluatorSpec | null {
  try {
    new RegExp(pattern, flags);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    resolution.report(
      ["evaluators", index, "regex"],
      "a valid regular expression",
      `"${pattern}" (${reason})`,
    );
    return null;
  }
  return { kind: "regex", name, pattern, flags };
}

function readSchema(
  written: string,
  index: number,
  resolution: Resolution,
): object | null {
  const path = resolution.absolutePath(written);
  try {
    const schema: unknown = JSON.parse(readFileSync(path, "utf8"));
    if (typeof schema === "object" && schema !== null) return schema;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    resolution.report(
      ["evaluators", index, "json_schema"],
      "a readable JSON Schema file",
      `"${written}" (${reason})`,
    );
    return null;
  }
  resolution.report(
    ["evaluators", index, "json_schema"],
    "a JSON Schema file holding an object",
    `"${written}"`,
  );
  return null;
}

function rubricSpec(
  name: string,
  written: string,
  index: number,
  needs: EvaluatorNeeds,
  resolution: Resolution,
): EvaluatorSpec | null {
  const path = ["evaluators", index, "rubric"];
  if (needs.judge === null) {
    reportNeedsJudge(name, path, resolution);
    return null;
  }
  const id = promptId(written);
  try {
    const rubric = readFileSync(resolution.absolutePath(id), "utf8");
    return { kind: "rubric", name, prompt: rubricPrompt(id, rubric) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "unreadable";
    resolution.report(
      path,
      "a rubric file that exists",
      `"${written}", which cannot be read (${code})`,
    );
    return null;
  }
}

function reportNeedsJudge(
  name: string,
  path: FieldPath,
  resolution: Resolution,
): void {
  resolution.report(
    path,
    `a judge: section; ${name} is scored by a judge model: add judge: ` +
      "{ provider, model } to the experiment",
  );
}

function reportNeedsAnswers(
  name: string,
  index: number,
  resolution: Resolution,
): void {
  resolution.report(
    ["evaluators", index],
    `a retrieval metric; ${name} needs generated answers: add a model ` +
      "to the matrix",
  );
}

function warnIfDeeperThanRetrieval(
  name: string,
  metric: ParsedMetricName,
  needs: EvaluatorNeeds,
  resolution: Resolution,
): void {
  if (metric.kind !== "retrieval" || metric.cutoff <= needs.maxTopK) return;
  resolution.warn(
    `${name} looks deeper than the largest top_k (${needs.maxTopK}); ` +
      "documents past that rank count as not retrieved",
  );
}
