import { describe, expect, it } from "vitest";
import type { ConfigIssue } from "../errors/config-error.js";
import { experimentInputSchema } from "./experiment-input.js";
import { parseYamlDocument } from "./read-yaml-document.js";
import { zodIssuesToConfigIssues } from "./zod-issues-to-config-issues.js";

const VALID_REST = `dataset: { corpus: d, questions: q.jsonl }
evaluators: recall@3
`;

function issuesOf(text: string): ConfigIssue[] {
  const source = parseYamlDocument(text, "e.yaml");
  const result = experimentInputSchema.safeParse(source.data);
  if (result.success) return [];
  return zodIssuesToConfigIssues(result.error.issues, source);
}

describe("zodIssuesToConfigIssues", () => {
  it("offers both shapes when an axis value fits neither", () => {
    const issues = issuesOf(`name: n
matrix:
  chunking: { strategy: none }
  embedder: local:bm25
  top_k: five
${VALID_REST}`);

    expect(issues).toEqual([
      {
        location: { file: "e.yaml", line: 5, column: 3 },
        fieldPath: "matrix.top_k",
        received: '"five" (string)',
        expected: "a whole number from 1 to 1000, or a list of such values",
      },
    ]);
  });

  it("reports inside a single mapping written without a list", () => {
    const issues = issuesOf(`name: n
matrix:
  chunking: { strategy: recursive, size: 100, overlap: 20, stride: 4 }
  embedder: local:bm25
  top_k: 3
${VALID_REST}`);

    expect(issues.map((issue) => issue.fieldPath)).toEqual([
      "matrix.chunking.stride",
    ]);
    expect(issues[0]?.received).toBe("an unknown key");
  });

  it("gives one issue per unknown key", () => {
    const issues = issuesOf(`name: n
gating: {}
spending: {}
matrix: { chunking: { strategy: none }, embedder: local:bm25, top_k: 3 }
${VALID_REST}`);

    expect(issues.map((i) => [i.location.line, i.fieldPath])).toEqual([
      [2, "gating"],
      [3, "spending"],
    ]);
  });

  it("refuses an exclude rule with no keys, which would match every cell", () => {
    const issues = issuesOf(`name: n
matrix: { chunking: { strategy: none }, embedder: local:bm25, top_k: 3 }
exclude:
  - {}
${VALID_REST}`);

    expect(issues.map((i) => [i.location.line, i.fieldPath])).toEqual([
      [4, "exclude[0]"],
    ]);
    expect(issues[0]?.expected).toContain("at least one of the keys");
  });
});
