import type { ConfigIssue } from "../errors/config-error.js";
import {
  type FieldPath,
  formatFieldPath,
  pathAsWritten,
  valueAtPath,
} from "./field-path.js";
import { formatReceived } from "./format-received.js";
import { locateField } from "./locate-field.js";
import type { YamlSource } from "./read-yaml-document.js";

/** Builds a ConfigIssue for a field: located, named and showing its value. */
export type IssueBuilder = (
  path: FieldPath,
  expected: string,
  received?: string,
) => ConfigIssue;

/**
 * An issue about the field at `path` of `source`: its line and column, the
 * path as the user wrote it and the value found there. `received`
 * replaces the value when the value alone would not explain the problem.
 */
export function configIssueAt(
  source: YamlSource,
  path: FieldPath,
  expected: string,
  received?: string,
): ConfigIssue {
  const writtenPath = pathAsWritten(source.data, path);
  const position = locateField(
    source.document,
    source.lineCounter,
    writtenPath,
  );
  return {
    location: { file: source.file, ...position },
    fieldPath: formatFieldPath(writtenPath),
    received: received ?? formatReceived(valueAtPath(source.data, writtenPath)),
    expected,
  };
}

/** `configIssueAt` bound to one source. */
export function issueBuilderFor(source: YamlSource): IssueBuilder {
  return (path, expected, received) =>
    configIssueAt(source, path, expected, received);
}
