import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError } from "../errors/config-error.js";
import { sha256 } from "../util/hash.js";
import { DEFAULT_PROMPT_ID } from "./builtin-prompts.js";
import { issueBuilderFor } from "./config-issue-at.js";
import { loadExperiment, validateExperiment } from "./load-experiment.js";
import { parseYamlDocument } from "./read-yaml-document.js";
import { resolveExperiment } from "./resolve-experiment.js";

const folders: string[] = [];

afterEach(() => {
  for (const folder of folders.splice(0)) {
    rmSync(folder, { recursive: true, force: true });
  }
});

const PROMPT = "Context: {{context}}\nQuestion: {{question}}\n";

/** A temporary project: files by relative path, returning its folder. */
function writeProject(files: Record<string, string>): string {
  const folder = mkdtempSync(join(tmpdir(), "fmops-config-"));
  folders.push(folder);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), content);
  }
  return folder;
}

function dataFiles(): Record<string, string> {
  return {
    "data/docs/a.md": "# A\nAlpha.\n",
    "data/questions.jsonl": '{"id":"q1","question":"A?","answers":["Alpha"]}\n',
    "prompts/terse.md": PROMPT,
  };
}

const RETRIEVAL_ONLY = `
name: retrieval-only
dataset:
  corpus: ../data/docs
  questions: ../data/questions.jsonl
matrix:
  chunking: { strategy: recursive, size: 300 }
  embedder: local:glove-100d
  top_k: 4
evaluators: recall@4
`;

async function loadFrom(files: Record<string, string>, file: string) {
  const folder = writeProject({ ...dataFiles(), ...files });
  return loadExperiment(join(folder, file));
}

describe("resolveExperiment", () => {
  it("resolves dataset paths against the experiment file's folder", async () => {
    const experiment = await loadFrom(
      { "experiments/e.yaml": RETRIEVAL_ONLY },
      "experiments/e.yaml",
    );
    const folder = dirname(dirname(experiment.sourcePath));

    expect(experiment.dataset).toEqual({
      corpusPath: join(folder, "data/docs"),
      corpusFormat: "folder",
      questionsPath: join(folder, "data/questions.jsonl"),
      questionsFormat: "jsonl",
      qrelsPath: null,
    });
  });

  it("applies defaults and reads single values as one-item lists", async () => {
    const experiment = await loadFrom(
      { "x/e.yaml": RETRIEVAL_ONLY },
      "x/e.yaml",
    );

    expect(experiment.description).toBeNull();
    expect(experiment.concurrency).toBe(8);
    expect(experiment.evaluators).toEqual(["recall@4"]);
    expect(experiment.cells.map((cell) => cell.params)).toEqual([
      {
        chunking: {
          strategy: "recursive",
          size: 300,
          overlap: 0,
          unit: "characters",
        },
        embedder: "local:glove-100d",
        topK: 4,
        retrieval: "dense",
        model: null,
        prompt: null,
      },
    ]);
    expect(experiment.warnings).toEqual([]);
  });

  it("resolves models, prompts and chunking forms", async () => {
    const yaml = `
name: generation
dataset: { corpus: data/docs, questions: data/questions.jsonl }
models:
  reader: { provider: local, model: extractive, max_output_tokens: 32 }
matrix:
  chunking:
    - { strategy: token, size: 64, overlap: 8 }
    - { strategy: none }
  retrieval: bm25
  top_k: 3
  model: reader
  prompt: [./prompts/terse.md, builtin:grounded]
evaluators: [token_f1]
`;
    const experiment = await loadFrom({ "e.yaml": yaml }, "e.yaml");
    const [first] = experiment.cells;

    // 2 chunkings × 2 prompts, no embedder because retrieval is bm25.
    expect(experiment.cells).toHaveLength(4);
    expect(first?.params.chunking).toEqual({
      strategy: "token",
      size: 64,
      overlap: 8,
      unit: "tokens",
    });
    expect(first?.params.embedder).toBeNull();
    expect(first?.params.model).toEqual({
      alias: "reader",
      provider: "local",
      model: "extractive",
      maxOutputTokens: 32,
    });
    expect(first?.params.prompt).toEqual({
      id: "prompts/terse.md",
      template: PROMPT,
      contentHash: sha256(PROMPT),
    });
    expect(experiment.cells[3]?.label).toBe(
      "none · bm25 · k3 · reader · grounded",
    );
  });

  it("uses the built-in prompt when models have no prompt axis", async () => {
    const yaml = RETRIEVAL_ONLY.replace(
      "evaluators: recall@4",
      "  model: reader\nmodels: { reader: { provider: local, model: extractive } }\nevaluators: exact_match",
    );
    const experiment = await loadFrom({ "x/e.yaml": yaml }, "x/e.yaml");

    expect(experiment.cells[0]?.params.prompt?.id).toBe(DEFAULT_PROMPT_ID);
  });

  it("recognises a BEIR dataset by its qrels", async () => {
    const yaml = RETRIEVAL_ONLY.replace(
      "  corpus: ../data/docs\n  questions: ../data/questions.jsonl",
      "  corpus: ../beir/corpus.jsonl\n  questions: ../beir/queries.jsonl\n  qrels: ../beir/qrels/test.tsv",
    );
    const experiment = await loadFrom(
      {
        "beir/corpus.jsonl": "",
        "beir/queries.jsonl": "",
        "beir/qrels/test.tsv": "",
        "x/e.yaml": yaml,
      },
      "x/e.yaml",
    );

    expect(experiment.dataset.corpusFormat).toBe("beir");
    expect(experiment.dataset.questionsFormat).toBe("beir");
    expect(experiment.dataset.qrelsPath).toMatch(/beir\/qrels\/test\.tsv$/);
  });

  it("hashes the same experiment the same in another folder", async () => {
    const here = await loadFrom({ "x/e.yaml": RETRIEVAL_ONLY }, "x/e.yaml");
    const there = await loadFrom({ "x/e.yaml": RETRIEVAL_ONLY }, "x/e.yaml");
    const deeper = await loadFrom(
      { "x/e.yaml": RETRIEVAL_ONLY.replace("top_k: 4", "top_k: 5") },
      "x/e.yaml",
    );

    expect(there.sourcePath).not.toBe(here.sourcePath);
    expect(there.configHash).toBe(here.configHash);
    expect(deeper.configHash).not.toBe(here.configHash);
    expect(here.configHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("needs no embedder when every retrieval mode is bm25", async () => {
    const yaml = RETRIEVAL_ONLY.replace(
      "embedder: local:glove-100d",
      "retrieval: bm25",
    );
    const experiment = await loadFrom({ "x/e.yaml": yaml }, "x/e.yaml");

    expect(experiment.cells.map((cell) => cell.label)).toEqual([
      "recursive 300c/0 · bm25 · k4",
    ]);
  });

  it("warns about settings it adjusts or that look like mistakes", async () => {
    const yaml = `
name: warnings
dataset: { corpus: data/docs, questions: data/questions.jsonl }
models: { spare: { provider: local, model: extractive } }
matrix:
  chunking: { strategy: token, size: 64, unit: characters }
  embedder: local:bm25
  top_k: 3
evaluators: [ndcg@10]
`;
    const experiment = await loadFrom({ "e.yaml": yaml }, "e.yaml");

    expect(experiment.warnings).toEqual([
      "matrix.chunking[0]: the token strategy counts tokens, so unit " +
        "characters was replaced by tokens",
      "ndcg@10 looks deeper than the largest top_k (3); documents past that " +
        "rank count as not retrieved",
      "model spare is declared under models but used by no cell",
    ]);
  });

  it("reports every resolution problem of a file in one error", async () => {
    const yaml = `name: two-problems
dataset: { corpus: data/docs, questions: data/questions.jsonl }
matrix:
  chunking: { strategy: recursive, size: 300 }
  embedder: [local:glove-100d, local:nope]
  top_k: 4
evaluators: [recall@4, f1]
`;
    const error = await loadFrom({ "e.yaml": yaml }, "e.yaml").catch(
      (thrown: unknown) => thrown,
    );

    expect(error).toBeInstanceOf(ConfigError);
    const issues = (error as ConfigError).issues;
    expect(
      issues.map((issue) => [issue.location.line, issue.fieldPath]),
    ).toEqual([
      [5, "matrix.embedder[1]"],
      [7, "evaluators[1]"],
    ]);
  });

  it("reports every schema problem of a file in one error", async () => {
    const yaml = `name: ""
dataset: { corpus: data/docs, questions: data/questions.jsonl }
matrix:
  chunking: { strategy: recursive, size: 0 }
  top_k: [3, 0]
evaluators: []
concurrency: many
`;
    const error = await loadFrom({ "e.yaml": yaml }, "e.yaml").catch(
      (thrown: unknown) => thrown,
    );

    const issues = (error as ConfigError).issues;
    expect(
      issues.map((issue) => [issue.location.line, issue.fieldPath]),
    ).toEqual([
      [1, "name"],
      [4, "matrix.chunking.size"],
      [5, "matrix.top_k[1]"],
      [6, "evaluators"],
      [7, "concurrency"],
    ]);
  });

  it("can be called on a parsed file without loading it", () => {
    const folder = writeProject(dataFiles());
    const sourcePath = join(folder, "x/inline.yaml");
    const source = parseYamlDocument(RETRIEVAL_ONLY, sourcePath);
    const experiment = resolveExperiment(validateExperiment(source), {
      sourcePath,
      issueAt: issueBuilderFor(source),
    });

    expect(experiment.dataset.corpusPath).toBe(join(folder, "data/docs"));
    expect(experiment.cells).toHaveLength(1);
  });
});
