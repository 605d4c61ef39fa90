import { existsSync, readFileSync } from "node:fs";
import {
  METRIC_NAME_HELP,
  type ParsedMetricName,
  parseMetricName,
} from "../evaluation/metric-name.js";
import type { EvaluatorSpec } from "../spec/experiment.js";
import type { EvaluatorInput } from "./experiment-input.js";
import type { Resolution } from "./resolution.js";

/** What the evaluators depend on elsewhere in the experiment. */
export interface EvaluatorNeeds {
  /** True when some cell generates answers (a model axis or include). */
  hasModels: boolean;
  /** The deepest retrieval of any cell. */
  maxTopK: number;
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
  if (metric.kind !== "retrieval" && !needs.hasModels) {
    reportNeedsAnswers(name, index, resolution);
    return null;
  }
  warnIfDeeperThanRetrieval(name, metric, needs, resolution);
  const spec = metric.kind === "offline" ? { kind: metric.metric, name } : null;
  return { name, spec };
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
  const spec = customSpec(entry, index, resolution);
  return spec === null ? null : { name: entry.name, spec };
}

function customSpec(
  entry: CustomEvaluatorInput,
  index: number,
  resolution: Resolution,
): EvaluatorSpec | null {
  const { name } = entry;
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
