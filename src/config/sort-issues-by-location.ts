import type { ConfigIssue } from "../errors/config-error.js";

/** Issues in the order they appear in the file; unlocated ones first. */
export function sortIssuesByLocation(issues: ConfigIssue[]): ConfigIssue[] {
  return [...issues].sort(compareLocations);
}

function compareLocations(first: ConfigIssue, second: ConfigIssue): number {
  const lineOrder = (first.location.line ?? 0) - (second.location.line ?? 0);
  if (lineOrder !== 0) return lineOrder;
  return (first.location.column ?? 0) - (second.location.column ?? 0);
}
