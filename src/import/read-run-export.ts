import type { z } from "zod";
import { formatFieldPath } from "../config/field-path.js";
import { formatReceived } from "../config/format-received.js";
import { ConfigError, type ConfigIssue } from "../errors/config-error.js";
import type { RunExport } from "../report/export/run-export.js";
import { runExportSchema } from "./run-export-schema.js";

// Enough to fix a file by hand; more would bury the first ones.
const MAX_ISSUES = 10;

/**
 * The export held in `text`, read from `path`. A file that is not JSON, or
 * not an export this fmops reads, is a ConfigError naming each field that
 * is wrong, the value found and what was expected.
 */
export function parseRunExport(text: string, path: string): RunExport {
  const data = parseJson(text, path);
  const parsed = runExportSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  throw new ConfigError(
    parsed.error.issues
      .slice(0, MAX_ISSUES)
      .map((issue) => toConfigIssue(issue, data, path)),
  );
}

function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError([
      {
        location: { file: path, line: null, column: null },
        fieldPath: "",
        received: `text that is not JSON (${reason})`,
        expected: "a JSON export written by `fmops report --format json`",
      },
    ]);
  }
}

function toConfigIssue(
  issue: z.core.$ZodIssue,
  data: unknown,
  path: string,
): ConfigIssue {
  return {
    location: { file: path, line: null, column: null },
    fieldPath: formatFieldPath(issue.path),
    received: formatReceived(valueAt(data, issue.path)),
    expected: issue.message,
  };
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let current = data;
  for (const segment of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}
