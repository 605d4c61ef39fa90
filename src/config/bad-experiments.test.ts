import { readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../errors/config-error.js";
import { loadExperiment } from "./load-experiment.js";

const FIXTURES = fileURLToPath(
  new URL("../../fixtures/bad-experiments/", import.meta.url),
);

interface BadExperiment {
  file: string;
  /** Line of the reported problem, read off the file by hand. */
  line: number;
  /** Field path in the message; empty for YAML syntax and root problems. */
  fieldPath: string;
  /** Words the message must contain besides the location. */
  mentions: string;
}

// Lines were counted by hand in each file (line 1 is always a comment).
// A missing key is reported where its parent mapping starts.
const BAD_EXPERIMENTS: BadExperiment[] = [
  {
    file: "bad-indentation.yaml",
    line: 5,
    fieldPath: "",
    mentions: "same column",
  },
  { file: "tab-indentation.yaml", line: 5, fieldPath: "", mentions: "tabs" },
  {
    file: "unclosed-bracket.yaml",
    line: 11,
    fieldPath: "",
    mentions: "end with a ]",
  },
  { file: "duplicate-key.yaml", line: 11, fieldPath: "", mentions: "unique" },
  {
    file: "empty-file.yaml",
    line: 1,
    fieldPath: "",
    mentions: "an empty document",
  },
  {
    file: "list-at-root.yaml",
    line: 2,
    fieldPath: "",
    mentions: "a list of 2 items",
  },
  {
    file: "unknown-top-level-key.yaml",
    line: 12,
    fieldPath: "concurency",
    mentions: "one of the keys name, description, dataset",
  },
  {
    file: "unknown-chunking-key.yaml",
    line: 11,
    fieldPath: "matrix.chunking[1].stride",
    mentions: "one of the keys strategy, size, overlap, unit",
  },
  {
    file: "top-k-wrong-type.yaml",
    line: 12,
    fieldPath: "matrix.top_k[1]",
    mentions: 'a whole number from 1 to 1000, got "five" (string)',
  },
  {
    file: "top-k-negative.yaml",
    line: 10,
    fieldPath: "matrix.top_k",
    mentions: "got -3 (number)",
  },
  {
    file: "empty-axis-list.yaml",
    line: 9,
    fieldPath: "matrix.embedder",
    mentions: "at least one value, got an empty list",
  },
  {
    file: "missing-name.yaml",
    line: 2,
    fieldPath: "name",
    mentions: "missing",
  },
  {
    file: "missing-dataset.yaml",
    line: 2,
    fieldPath: "dataset",
    mentions: "the keys corpus, questions, qrels",
  },
  {
    file: "missing-matrix.yaml",
    line: 2,
    fieldPath: "matrix",
    mentions: "the keys chunking, embedder, top_k",
  },
  {
    file: "chunk-size-missing.yaml",
    line: 8,
    fieldPath: "matrix.chunking[0].size",
    mentions: "required unless strategy is none",
  },
  {
    file: "overlap-not-below-size.yaml",
    line: 11,
    fieldPath: "matrix.chunking[1].overlap",
    mentions: "smaller than size (128), got 128 (number)",
  },
  {
    file: "concurrency-zero.yaml",
    line: 12,
    fieldPath: "concurrency",
    mentions: "a whole number from 1 to 256, got 0 (number)",
  },
  {
    file: "corpus-not-found.yaml",
    line: 4,
    fieldPath: "dataset.corpus",
    mentions: "no-such-docs",
  },
  {
    file: "questions-not-found.yaml",
    line: 5,
    fieldPath: "dataset.questions",
    mentions: "no-such-questions.jsonl",
  },
  {
    file: "questions-unknown-extension.yaml",
    line: 5,
    fieldPath: "dataset.questions",
    mentions: "a .md file",
  },
  {
    file: "unknown-retrieval-mode.yaml",
    line: 11,
    fieldPath: "matrix.retrieval[1]",
    mentions: 'one of dense, bm25, hybrid, got "sparse"',
  },
  {
    file: "unknown-embedder.yaml",
    line: 9,
    fieldPath: "matrix.embedder[1]",
    mentions: '"local:word2vec"',
  },
  {
    file: "embedder-missing-for-dense.yaml",
    line: 6,
    fieldPath: "matrix.embedder",
    mentions: "embedders for dense retrieval",
  },
  {
    file: "unknown-evaluator.yaml",
    line: 13,
    fieldPath: "evaluators[1]",
    mentions: '"map@10"',
  },
  {
    file: "answer-metric-without-model.yaml",
    line: 11,
    fieldPath: "evaluators[1]",
    mentions: "needs generated answers: add a model to the matrix",
  },
  {
    file: "undeclared-model-alias.yaml",
    line: 13,
    fieldPath: "matrix.model[1]",
    mentions: '(reader), got "writer"',
  },
  {
    file: "include-undeclared-model.yaml",
    line: 15,
    fieldPath: "include[0].model",
    mentions: '"summariser"',
  },
  {
    file: "unknown-provider.yaml",
    line: 8,
    fieldPath: "models.reader.provider",
    mentions: '"acme"',
  },
  {
    file: "unknown-model.yaml",
    line: 9,
    fieldPath: "models.reader.model",
    mentions: '"abstractive"',
  },
  {
    file: "prompt-not-found.yaml",
    line: 16,
    fieldPath: "matrix.prompt[1]",
    mentions: "data/prompts/missing.md",
  },
  {
    file: "gate-unknown-metric.yaml",
    line: 14,
    fieldPath: "gates.token_f1",
    mentions:
      'recall@3, mrr@5, cost_usd, latency_p50_ms, latency_p95_ms, latency_p99_ms, error_rate, got "token_f1"',
  },
  {
    file: "gate-min-above-max.yaml",
    line: 14,
    fieldPath: "gates.recall@3[0].max",
    mentions: "a number ≥ min (0.8), got 0.6 (number)",
  },
  {
    file: "gate-unknown-cell.yaml",
    line: 13,
    fieldPath: "gates.mrr@5.cell",
    mentions: 'one of the 2 cells, got "k7", which names no cell',
  },
  {
    file: "gate-without-rule.yaml",
    line: 13,
    fieldPath: "gates.mrr@5",
    mentions: "at least one of min, max, max_drop or significant_drop: true",
  },
  {
    file: "judge-metric-without-judge.yaml",
    line: 14,
    fieldPath: "evaluators[1]",
    mentions: "faithfulness is scored by a judge model: add judge:",
  },
  {
    file: "judge-unknown-provider.yaml",
    line: 9,
    fieldPath: "judge.provider",
    mentions: '"acme"',
  },
  {
    file: "rubric-not-found.yaml",
    line: 17,
    fieldPath: "evaluators[1].rubric",
    mentions: '"data/rubrics/missing.md", which cannot be read (ENOENT)',
  },
  {
    file: "similarity-sparse-embedder.yaml",
    line: 16,
    fieldPath: "evaluators[1].semantic_similarity.embedder",
    mentions:
      'a dense embedder: local:glove-100d, openai:MODEL or bedrock:MODEL, got "local:bm25"',
  },
];

async function loadError(file: string): Promise<ConfigError> {
  const error = await loadExperiment(join(FIXTURES, file)).catch(
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof ConfigError)) {
    throw new Error(`${file} loaded, or failed with something else`);
  }
  return error;
}

describe("malformed experiment files", () => {
  it.each(BAD_EXPERIMENTS)(
    "$file is rejected at line $line",
    async ({ file, line, fieldPath, mentions }) => {
      const error = await loadError(file);

      expect(error.code).toBe("CONFIG_INVALID");
      expect(error.issues).toHaveLength(1);
      expect(error.message).toContain(`${file}:${line}:`);
      expect(error.issues[0]?.location.line).toBe(line);
      expect(error.issues[0]?.fieldPath).toBe(fieldPath);
      if (fieldPath !== "") expect(error.message).toContain(` ${fieldPath}: `);
      expect(error.message).toContain(mentions);
    },
  );

  it("covers every file in the fixture folder", () => {
    const files = readdirSync(FIXTURES).filter((name) =>
      name.endsWith(".yaml"),
    );
    const listed = BAD_EXPERIMENTS.map((bad) => bad.file);
    expect(files.sort()).toEqual([...listed].sort());
  });

  it("loads the well-formed file next to them", async () => {
    const experiment = await loadExperiment(join(FIXTURES, "data/good.yaml"));

    expect(experiment.name).toBe("handbook-smoke");
    expect(experiment.warnings).toEqual([]);
  });
});
