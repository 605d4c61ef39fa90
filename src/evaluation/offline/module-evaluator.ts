import { FmopsError } from "../../errors/index.js";
import type { EvaluationCase, Evaluator } from "../../spec/index.js";
import {
  importModuleFile,
  type ModuleExports,
} from "../../util/import-module-file.js";

/** Where a team's scoring function lives and what to call its metric. */
export interface ModuleEvaluatorOptions {
  /** Metric name results carry. */
  name: string;
  /** Absolute path of a .js, .mjs or .ts file. */
  modulePath: string;
  /** The export holding the function, e.g. `default`. */
  exportName: string;
}

type ScoringFunction = (input: EvaluationCase) => unknown;

/**
 * Loads a team's scoring function and wraps it as an evaluator. The
 * function receives the whole case and must return, synchronously, a
 * score in [0, 1] or `null`; cases without an answer are not passed to it
 * and score `null`.
 *
 * @throws FmopsError (`USAGE`) when the file cannot be imported or the
 * export is missing or not a function. The evaluator's `evaluate` throws
 * FmopsError (`USAGE`) when the function returns a promise, a non-number
 * or a number outside [0, 1].
 */
export async function loadModuleEvaluator(
  options: ModuleEvaluatorOptions,
): Promise<Evaluator> {
  const score = await loadScoringFunction(options);
  return {
    name: options.name,
    needs: "answer",
    evaluate: (input) =>
      input.answer === null ? null : checkScore(options, score(input)),
  };
}

async function loadScoringFunction(
  options: ModuleEvaluatorOptions,
): Promise<ScoringFunction> {
  const exports = await importOrExplain(options);
  const candidate = exports[options.exportName];
  if (typeof candidate === "function") return candidate as ScoringFunction;
  const found = Object.hasOwn(exports, options.exportName)
    ? `a ${describeType(candidate)}`
    : `nothing (exports: ${exportNames(exports)})`;
  throw new FmopsError(
    "USAGE",
    `evaluator "${options.name}": ${describeExport(options)} should be a ` +
      `function (input) => number | null, found ${found}`,
  );
}

async function importOrExplain(
  options: ModuleEvaluatorOptions,
): Promise<ModuleExports> {
  try {
    return await importModuleFile(options.modulePath);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new FmopsError(
      "USAGE",
      `evaluator "${options.name}": cannot load ${options.modulePath}: ` +
        reason,
      { cause: error },
    );
  }
}

function checkScore(
  options: ModuleEvaluatorOptions,
  value: unknown,
): number | null {
  if (value === null) return null;
  if (typeof value === "number" && value >= 0 && value <= 1) return value;
  throw new FmopsError(
    "USAGE",
    `evaluator "${options.name}": ${describeExport(options)} returned ` +
      `${describeValue(value)}; expected a number in [0, 1] or null, ` +
      "returned synchronously",
  );
}

function describeExport(options: ModuleEvaluatorOptions): string {
  return `export "${options.exportName}" of ${options.modulePath}`;
}

function describeValue(value: unknown): string {
  if (value instanceof Promise) return "a Promise (it must not be async)";
  if (typeof value === "number") return String(value);
  return `${JSON.stringify(value) ?? String(value)} (${describeType(value)})`;
}

function describeType(value: unknown): string {
  return value === null ? "null" : typeof value;
}

function exportNames(exports: Record<string, unknown>): string {
  const names = Object.keys(exports).filter((name) => name !== "__esModule");
  return names.length === 0 ? "none" : names.sort().join(", ");
}
