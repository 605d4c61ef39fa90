import type { z } from "zod";
import type { ConfigIssue } from "../errors/config-error.js";
import { configIssueAt } from "./config-issue-at.js";
import type { FieldPath } from "./field-path.js";
import type { YamlSource } from "./read-yaml-document.js";
import { sortIssuesByLocation } from "./sort-issues-by-location.js";

type ZodIssue = z.core.$ZodIssue;

/**
 * Turns zod's issues into located ConfigIssues, in file order. The schemas
 * of `experiment-input.ts` word their messages as what is expected, so a
 * message becomes the issue's `expected` as it is.
 */
export function zodIssuesToConfigIssues(
  issues: readonly ZodIssue[],
  source: YamlSource,
): ConfigIssue[] {
  return sortIssuesByLocation(
    issues.flatMap((issue) => convertIssue(issue, [], source)),
  );
}

function convertIssue(
  issue: ZodIssue,
  parentPath: FieldPath,
  source: YamlSource,
): ConfigIssue[] {
  const path = [...parentPath, ...issue.path];
  if (issue.code === "invalid_union") return convertUnion(issue, path, source);
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) =>
      configIssueAt(source, [...path, key], issue.message, "an unknown key"),
    );
  }
  return [configIssueAt(source, path, issue.message)];
}

/**
 * An axis accepts one value or a list. When the value has the right shape
 * for one of them, that branch's issues say what is wrong inside it; when
 * it fits neither, the issue lists both shapes.
 */
function convertUnion(
  issue: z.core.$ZodIssueInvalidUnion,
  path: FieldPath,
  source: YamlSource,
): ConfigIssue[] {
  const insideBranch = issue.errors.find((branch) => !isShapeMismatch(branch));
  if (insideBranch !== undefined) {
    return insideBranch.flatMap((inner) => convertIssue(inner, path, source));
  }
  const shapes = issue.errors.flatMap((branch) => branch[0]?.message ?? []);
  const expected = shapes.length > 0 ? shapes.join(", or ") : issue.message;
  return [configIssueAt(source, path, expected)];
}

/**
 * True when a branch failed only because the value as a whole has the
 * wrong type or is not an allowed value, so nothing inside it was checked.
 */
function isShapeMismatch(branch: readonly ZodIssue[]): boolean {
  return branch.every(
    (issue) =>
      issue.path.length === 0 &&
      (issue.code === "invalid_type" || issue.code === "invalid_value"),
  );
}
