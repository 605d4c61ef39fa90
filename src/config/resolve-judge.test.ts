import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  type CliProject,
  createCliProject,
} from "../test-support/cli-project.test-support.js";
import { sha256 } from "../util/hash.js";
import { loadExperiment } from "./load-experiment.js";

const projects: CliProject[] = [];

afterEach(() => {
  for (const project of projects.splice(0)) project.remove();
});

/** One document and one question, for every experiment here. */
const DATASET = {
  "docs/a.md": "# A\nAlpha.\n",
  "questions.jsonl": '{"id":"q1","question":"A?","answers":["Alpha"]}\n',
};

/** Writes the files to a new folder and loads its `experiment.yaml`. */
function loadFiles(files: Record<string, string>) {
  const project = createCliProject(files);
  projects.push(project);
  return loadExperiment(join(project.folder, "experiment.yaml"));
}

/** Loads an experiment with a judge section and evaluators as given. */
function loadWith(sections: string, files: Record<string, string> = {}) {
  return loadFiles({
    ...DATASET,
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
  });
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

  it("warns when no evaluator calls the judge model", async () => {
    const unused =
      await loadWith(`judge: { provider: openai, model: gpt-4o-mini }
evaluators: [token_f1]`);
    const embedderOnly =
      await loadWith(`judge: { provider: openai, model: gpt-4o-mini }
evaluators: [semantic_similarity]`);
    const used = await loadWith(`judge: { provider: openai, model: gpt-4o-mini }
evaluators: [token_f1, correctness]`);

    expect(unused.warnings).toEqual([
      "judge: is declared but no evaluator uses it; add a judge metric or " +
        "a rubric to evaluators, or remove the section",
    ]);
    expect(embedderOnly.warnings).toEqual([
      "the judge model is called by no evaluator; only its embedder is " +
        "used, by semantic_similarity",
    ]);
    expect(used.warnings).toEqual([]);
  });

  it("scores context metrics in retrieval-only experiments", async () => {
    const experiment = await loadFiles({
      ...DATASET,
      "experiment.yaml": `name: retrieval
dataset: { corpus: docs, questions: questions.jsonl }
judge: { provider: openai, model: gpt-4o-mini }
matrix: { chunking: { strategy: none }, embedder: local:bm25, top_k: 1 }
evaluators: [context_precision, context_recall]
`,
    });
    expect(experiment.evaluators).toEqual([
      "context_precision",
      "context_recall",
    ]);
  });
});
