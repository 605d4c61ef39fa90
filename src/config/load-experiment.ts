import { resolve } from "node:path";
import { ConfigError } from "../errors/config-error.js";
import type { ResolvedExperiment } from "../spec/experiment.js";
import { issueBuilderFor } from "./config-issue-at.js";
import {
  type ExperimentInput,
  experimentInputSchema,
} from "./experiment-input.js";
import { readYamlDocument, type YamlSource } from "./read-yaml-document.js";
import { resolveExperiment } from "./resolve-experiment.js";
import { zodIssuesToConfigIssues } from "./zod-issues-to-config-issues.js";

/**
 * Reads, validates and resolves an experiment file. Every problem is a
 * ConfigError that names the file, line, column and field; all problems
 * of one stage (YAML syntax, schema, resolution) come in one error.
 */
export async function loadExperiment(
  path: string,
): Promise<ResolvedExperiment> {
  const source = await readYamlDocument(path);
  const input = validateExperiment(source);
  return resolveExperiment(input, {
    sourcePath: resolve(path),
    issueAt: issueBuilderFor(source),
  });
}

/** The parsed file checked against the schema, or a ConfigError. */
export function validateExperiment(source: YamlSource): ExperimentInput {
  const result = experimentInputSchema.safeParse(source.data);
  if (result.success) return result.data;
  throw new ConfigError(zodIssuesToConfigIssues(result.error.issues, source), {
    cause: result.error,
  });
}
