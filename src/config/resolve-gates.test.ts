import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadExperiment } from "./load-experiment.js";

const folders: string[] = [];

afterEach(() => {
  for (const folder of folders.splice(0)) {
    rmSync(folder, { recursive: true, force: true });
  }
});

async function load(gates: string) {
  const folder = mkdtempSync(join(tmpdir(), "fmops-gates-"));
  folders.push(folder);
  mkdirSync(join(folder, "docs"));
  writeFileSync(join(folder, "docs", "a.md"), "# A\nAlpha.\n");
  writeFileSync(
    join(folder, "questions.jsonl"),
    '{"id":"q1","question":"A?","relevant":["a"]}\n',
  );
  writeFileSync(
    join(folder, "experiment.yaml"),
    `name: gated
dataset: { corpus: docs, questions: questions.jsonl }
matrix:
  chunking: { strategy: none }
  embedder: local:bm25
  top_k: [1, 3]
evaluators: [recall@3, mrr@3]
${gates}`,
  );
  return loadExperiment(join(folder, "experiment.yaml"));
}

describe("gates in the experiment file", () => {
  it("resolves each rule in the order written, best cell by default", async () => {
    const experiment = await load(`gates:
  recall@3: [{ min: 0.8 }, { min: 0.5, cell: all }]
  latency_p95_ms: { max: 2500, max_drop: 100, cell: "none · bm25 · dense · k3" }
  mrr@3: { significant_drop: true }
`);

    expect(experiment.gates).toEqual([
      {
        metric: "recall@3",
        min: 0.8,
        max: null,
        maxDrop: null,
        isSignificantDropFailing: false,
        scope: "best",
      },
      {
        metric: "recall@3",
        min: 0.5,
        max: null,
        maxDrop: null,
        isSignificantDropFailing: false,
        scope: "all",
      },
      {
        metric: "latency_p95_ms",
        min: null,
        max: 2500,
        maxDrop: 100,
        isSignificantDropFailing: false,
        scope: { cell: "none · bm25 · dense · k3" },
      },
      {
        metric: "mrr@3",
        min: null,
        max: null,
        maxDrop: null,
        isSignificantDropFailing: true,
        scope: "best",
      },
    ]);
  });

  it("leaves gates out of the configuration hash", async () => {
    const without = await load("");
    const withGates = await load("gates:\n  recall@3: { min: 0.8 }\n");

    expect(without.gates).toEqual([]);
    expect(withGates.configHash).toBe(without.configHash);
  });

  it("refuses a significance test on a run figure", async () => {
    await expect(
      load("gates:\n  cost_usd: { significant_drop: true }\n"),
    ).rejects.toThrow(
      "gates.cost_usd.significant_drop: expected a test on an evaluator score; for cost_usd use max_drop",
    );
  });
});
