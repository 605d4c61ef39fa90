import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError } from "../errors/config-error.js";
import { loadExperiment } from "./load-experiment.js";

const folders: string[] = [];

afterEach(() => {
  for (const folder of folders.splice(0)) {
    rmSync(folder, { recursive: true, force: true });
  }
});

async function load(
  evaluators: string,
  extraFiles: Record<string, string> = {},
) {
  const folder = mkdtempSync(join(tmpdir(), "fmops-evaluators-"));
  folders.push(folder);
  const files: Record<string, string> = {
    "docs/a.md": "# A\nAlpha.\n",
    "questions.jsonl": '{"id":"q1","question":"A?","answers":["Alpha"]}\n',
    "experiment.yaml": `name: evaluators
dataset: { corpus: docs, questions: questions.jsonl }
models:
  reader: { provider: local, model: extractive }
matrix:
  chunking: { strategy: none }
  embedder: local:bm25
  top_k: 1
  model: reader
evaluators:
${evaluators}
`,
    ...extraFiles,
  };
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), content);
  }
  return {
    folder,
    experiment: () => loadExperiment(join(folder, "experiment.yaml")),
  };
}

async function issuesOf(
  evaluators: string,
  extraFiles?: Record<string, string>,
) {
  const project = await load(evaluators, extraFiles);
  const error = await project.experiment().catch((caught: unknown) => caught);
  if (!(error instanceof ConfigError))
    throw new Error("expected a ConfigError");
  return error.issues.map(
    (issue) => `${issue.location.line}: ${issue.fieldPath}: ${issue.expected}`,
  );
}

describe("evaluators in the experiment file", () => {
  it("keeps built-in names and builds specs for the offline and custom ones", async () => {
    const project = await load(
      `  - token_f1
  - fluency
  - { name: cites_days, regex: "\\\\d+ days", flags: i }
  - { name: valid_reply, json_schema: reply.schema.json }
  - { name: short, module: short.mjs, export: short }`,
      {
        "reply.schema.json": '{ "type": "object", "required": ["answer"] }',
        "short.mjs": "export const short = () => 1;\n",
      },
    );
    const experiment = await project.experiment();

    expect(experiment.evaluators).toEqual([
      "token_f1",
      "fluency",
      "cites_days",
      "valid_reply",
      "short",
    ]);
    expect(experiment.evaluatorSpecs).toEqual([
      { kind: "fluency", name: "fluency" },
      { kind: "regex", name: "cites_days", pattern: "\\d+ days", flags: "i" },
      {
        kind: "json_schema",
        name: "valid_reply",
        schema: { type: "object", required: ["answer"] },
      },
      {
        kind: "module",
        name: "short",
        modulePath: join(project.folder, "short.mjs"),
        exportName: "short",
      },
    ]);
  });

  it("locates a broken pattern, a missing schema file and a name taken by a metric", async () => {
    expect(
      await issuesOf(`  - { name: bad_pattern, regex: "(unclosed" }
  - { name: schema, json_schema: missing.json }
  - { name: token_f1, regex: "x" }`),
    ).toEqual([
      "11: evaluators[0].regex: a valid regular expression",
      "12: evaluators[1].json_schema: a readable JSON Schema file",
      "13: evaluators[2].name: a name that is not a built-in metric",
    ]);
  });
});
