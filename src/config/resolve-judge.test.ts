import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { sha256 } from "../util/hash.js";
import { loadExperiment } from "./load-experiment.js";

const folders: string[] = [];

afterEach(() => {
  for (const folder of folders.splice(0)) {
    rmSync(folder, { recursive: true, force: true });
  }
});

/** Loads an experiment with a judge section and evaluators as given. */
function loadWith(sections: string, files: Record<string, string> = {}) {
  const folder = mkdtempSync(join(tmpdir(), "fmops-judge-config-"));
  folders.push(folder);
  const all: Record<string, string> = {
    "docs/a.md": "# A\nAlpha.\n",
    "questions.jsonl": '{"id":"q1","question":"A?","answers":["Alpha"]}\n',
    "experiment.yaml": `name: judged
dataset: { corpus: docs, questions: questions.jsonl }
models:
  reader: { provider: local, model: extractive }
matrix:
  chunking: { strategy: none }
  embedder: local:bm25
  top_k: 1
  model: reader
${sections}
`,
    ...files,
  };
  for (const [path, content] of Object.entries(all)) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), content);
  }
  return loadExperiment(join(folder, "experiment.yaml"));
}

describe("the judge section", () => {
  it("resolves like a model entry, with temperature 0, one parse retry and GloVe", async () => {
    const experiment = await loadWith(`judge:
  provider: openai
  model: gpt-4o-mini
  base_url: http://localhost:8000/v1
evaluators: [faithfulness, semantic_similarity]`);
    expect(experiment.judge).toEqual({
      model: {
        alias: "judge",
        provider: "openai",
        model: "gpt-4o-mini",
        temperature: 0,
        settings: { baseUrl: "http://localhost:8000/v1" },
      },
      embedder: {
        id: "local:glove-100d",
        provider: "local",
        model: "glove-100d",
        settings: {},
      },
      parseRetries: 1,
    });
    expect(experiment.evaluatorSpecs[1]).toMatchObject({
      kind: "semantic_similarity",
      embedder: { id: "local:glove-100d" },
    });
  });

  it("puts each judge prompt's version and content hash in the config", async () => {
    const experiment =
      await loadWith(`judge: { provider: openai, model: gpt-4o-mini }
evaluators: [context_recall]`);
    const [spec] = experiment.evaluatorSpecs;
    if (spec?.kind !== "judge") throw new Error("expected a judge spec");
    expect(spec.prompt.id).toBe("judge/context_recall.v1");
    expect(spec.prompt.version).toBe("v1");
    expect(spec.prompt.contentHash).toBe(sha256(spec.prompt.template));
    expect(spec.prompt.template).toContain("{{references}}");
  });

  it("changes the config hash when a rubric file changes", async () => {
    const sections = `judge: { provider: openai, model: gpt-4o-mini }
evaluators: [{ name: tone, rubric: rubrics/tone.md }]`;
    const first = await loadWith(sections, { "rubrics/tone.md": "5: warm" });
    const second = await loadWith(sections, { "rubrics/tone.md": "5: curt" });
    expect(first.configHash).not.toBe(second.configHash);
    expect(first.evaluatorSpecs[0]).toMatchObject({
      kind: "rubric",
      prompt: { id: "rubrics/tone.md", version: "v1" },
    });
  });

  it("takes a remote evaluation embedder's settings from embedders:", async () => {
    const experiment = await loadWith(`embedders:
  openai:text-embedding-3-small: { base_url: http://localhost:9/v1 }
evaluators:
  - { name: similar, semantic_similarity: { embedder: openai:text-embedding-3-small } }`);
    expect(experiment.evaluatorSpecs[0]).toEqual({
      kind: "semantic_similarity",
      name: "similar",
      embedder: {
        id: "openai:text-embedding-3-small",
        provider: "openai",
        model: "text-embedding-3-small",
        settings: { baseUrl: "http://localhost:9/v1" },
      },
    });
    // Used by an evaluator, so its settings are not reported as unused.
    expect(experiment.warnings).toEqual([]);
  });

  it("scores context metrics in retrieval-only experiments", async () => {
    const folder = mkdtempSync(join(tmpdir(), "fmops-judge-config-"));
    folders.push(folder);
    mkdirSync(join(folder, "docs"));
    writeFileSync(join(folder, "docs/a.md"), "# A\nAlpha.\n");
    writeFileSync(
      join(folder, "questions.jsonl"),
      '{"id":"q1","question":"A?","answers":["Alpha"]}\n',
    );
    writeFileSync(
      join(folder, "experiment.yaml"),
      `name: retrieval
dataset: { corpus: docs, questions: questions.jsonl }
judge: { provider: openai, model: gpt-4o-mini }
matrix: { chunking: { strategy: none }, embedder: local:bm25, top_k: 1 }
evaluators: [context_precision, context_recall]
`,
    );
    const experiment = await loadExperiment(join(folder, "experiment.yaml"));
    expect(experiment.evaluators).toEqual([
      "context_precision",
      "context_recall",
    ]);
  });
});
