import { FmopsError } from "./fmops-error.js";

/** Where in a file a problem sits; line and column count from 1. */
export interface SourceLocation {
  file: string;
  line: number | null;
  column: number | null;
}

export interface ConfigIssue {
  location: SourceLocation;
  /** Field path such as `matrix.chunking[1].size`; empty for the root. */
  fieldPath: string;
  /** What was found, already printable (`"abc" (string)`), or null. */
  received: string | null;
  /** What is allowed, in words. */
  expected: string;
}

/** An experiment file or dataset that cannot be used as written. */
export class ConfigError extends FmopsError {
  override readonly name = "ConfigError";
  readonly issues: ConfigIssue[];

  constructor(issues: ConfigIssue[], options?: ErrorOptions) {
    super("CONFIG_INVALID", formatIssues(issues), options);
    this.issues = issues;
  }
}

export function formatLocation(location: SourceLocation): string {
  if (location.line === null) return location.file;
  if (location.column === null) return `${location.file}:${location.line}`;
  return `${location.file}:${location.line}:${location.column}`;
}

export function formatIssue(issue: ConfigIssue): string {
  const where = formatLocation(issue.location);
  const field = issue.fieldPath === "" ? "" : ` ${issue.fieldPath}:`;
  const received = issue.received === null ? "" : `, got ${issue.received}`;
  return `${where}:${field} expected ${issue.expected}${received}`;
}

function formatIssues(issues: ConfigIssue[]): string {
  return issues.map(formatIssue).join("\n");
}
