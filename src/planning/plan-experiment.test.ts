import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { encode } from "gpt-tokenizer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadExperiment } from "../config/load-experiment.js";
import { createProviderRegistry } from "../providers/create-provider-registry.js";
import type { ExperimentPlan } from "./experiment-plan.js";
import { planExperiment } from "./plan-experiment.js";

// One document, two questions, one cell of BM25 top-1 and gpt-4o-mini.
// The base URL is never reached: a plan calls no model.
const DOCUMENT = "Employees get 25 days of paid leave each year.";
const QUESTIONS = [
  { id: "q1", question: "How many days of leave?", answers: ["25 days"] },
  { id: "q2", question: "Who approves leave?", answers: ["your manager"] },
];

let folder: string;
let plan: ExperimentPlan;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), "fmops-plan-"));
  mkdirSync(join(folder, "docs"));
  writeFileSync(join(folder, "docs", "leave.txt"), DOCUMENT);
  writeFileSync(
    join(folder, "questions.jsonl"),
    QUESTIONS.map((question) =>
      JSON.stringify({ ...question, relevant: ["leave"] }),
    ).join("\n"),
  );
  writeFileSync(
    join(folder, "prompt.md"),
    "Context:\n{{context}}\n\nQuestion: {{question}}",
  );
  writeFileSync(
    join(folder, "experiment.yaml"),
    `name: tiny-plan
dataset: { corpus: docs, questions: questions.jsonl }
models:
  mini: { provider: openai, model: gpt-4o-mini, base_url: "http://127.0.0.1:9/v1", max_output_tokens: 50 }
matrix:
  chunking: { strategy: none }
  embedder: local:bm25
  top_k: 1
  model: mini
  prompt: prompt.md
evaluators: [contains]
`,
  );
  const cacheDir = join(folder, "cache");
  plan = await planExperiment({
    experiment: await loadExperiment(join(folder, "experiment.yaml")),
    cacheDir,
    providers: createProviderRegistry({ cacheDir, workingDirectory: folder }),
    history: null,
  });
});

afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** The prompt a run sends for a question, written out by hand. */
function promptOf(question: string): string {
  return `Context:\n[1] (leave)\n${DOCUMENT}\n\nQuestion: ${question}`;
}

describe("planning a tiny experiment", () => {
  it("counts cases, the index to build and one call per case", () => {
    expect(plan.caseCount).toBe(2);
    expect(plan.indexes).toEqual([
      expect.objectContaining({
        description: "none · local:bm25",
        isCached: false,
        chunkCount: 1,
        embeddingTokens: 0,
      }),
    ]);
    expect(plan.cells).toEqual([
      expect.objectContaining({
        caseCount: 2,
        generationCalls: 2,
        promptSource: "retrieved",
      }),
    ]);
  });

  it("counts prompt tokens of the rendered prompts with the retrieved chunk", () => {
    // o200k splits the first prompt into 27 tokens: Context|:\n|[|1|]| (|
    // leave|)\n|Employees| get| |25| days| of| paid| leave| each| year|
    // .\n\n|Question|:| How| many| days| of| leave|?  — the second into 25
    // (" Who approves leave?" is 4 tokens where the first question has 6).
    const promptTokens = QUESTIONS.map(
      ({ question }) => encode(promptOf(question)).length,
    );
    expect(promptTokens).toEqual([27, 25]);
    const [estimate] = plan.calls;
    expect(plan.calls).toHaveLength(1);
    expect(estimate).toMatchObject({
      provider: "openai",
      modelId: "gpt-4o-mini",
      kind: "chat",
      calls: 2,
      inputTokens: 52,
    });
  });

  it("takes reply length from the reference answers and prices every call", () => {
    // "25 days" is 2 tokens, "your manager" 2: a mean of 2 per reply.
    expect(plan.outputTokens).toEqual([
      {
        model: "openai:gpt-4o-mini",
        tokensPerCall: 2,
        source: "reference answers",
      },
    ]);
    // gpt-4o-mini: $0.15 per million input tokens, $0.60 per million output.
    const costUsd = (52 * 0.15 + 4 * 0.6) / 1_000_000;
    expect(plan.totals.outputTokens).toBe(4);
    expect(plan.totals.costUsd).toBeCloseTo(costUsd, 12);
  });
});

describe("planning a selection of cases", () => {
  it("plans the sampled questions, each as often as it repeats", async () => {
    const cacheDir = join(folder, "cache");
    const experiment = await loadExperiment(join(folder, "experiment.yaml"));
    const selected = await planExperiment({
      experiment: {
        ...experiment,
        selection: { sampleSize: 1, seed: 1, repeat: 3, filters: [] },
      },
      cacheDir,
      providers: createProviderRegistry({ cacheDir, workingDirectory: folder }),
      history: null,
    });

    // One question of the two, asked three times: three chat calls of
    // that question's prompt (27 tokens for q1, 25 for q2).
    expect(selected.caseCount).toBe(3);
    const [chat] = selected.calls.filter((call) => call.kind === "chat");
    expect(chat?.calls).toBe(3);
    expect([27 * 3, 25 * 3]).toContain(chat?.inputTokens);
  });
});
