import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureIo } from "../test-support/capture-io.js";
import { runCli } from "./main.js";

const providersFixtures = fileURLToPath(
  new URL("../../fixtures/providers/", import.meta.url),
);

let folder: string;

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), "fmops-custom-"));
  mkdirSync(join(folder, "docs"));
  writeFileSync(
    join(folder, "docs", "leave.md"),
    "Employees receive 25 days of annual leave. Unused days expire in March.\n",
  );
  writeFileSync(
    join(folder, "docs", "parking.md"),
    "The car park has 40 spaces. Bicycles go in the basement.\n",
  );
  writeFileSync(
    join(folder, "questions.jsonl"),
    [
      {
        id: "q1",
        question: "How many days of annual leave do employees receive?",
        answers: ["25 days"],
        relevant: ["leave"],
      },
      {
        id: "q2",
        question: "How many spaces does the car park have?",
        answers: ["40 spaces"],
        relevant: ["parking"],
      },
    ]
      .map((question) => JSON.stringify(question))
      .join("\n"),
  );
  writeFileSync(
    join(folder, "experiment.yaml"),
    `name: custom
dataset: { corpus: docs, questions: questions.jsonl }
models:
  script: { provider: exec, model: echo-reader, command: [node, ${join(providersFixtures, "echo-reader.mjs")}] }
  function: { provider: module, model: keyword-reader, module: ${join(providersFixtures, "keyword-reader.ts")} }
  chain: { provider: langchain, model: support-chain, module: ${join(providersFixtures, "support-chain.ts")} }
matrix:
  chunking: { strategy: none }
  embedder: local:bm25
  top_k: 1
  model: [script, function, chain]
evaluators: [contains, recall@1]
`,
  );
});

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("a team's own script, function and chain as models", () => {
  it("benchmarks each as it is, side by side", async () => {
    const io = captureIo(folder, {
      FMOPS_DB: join(folder, "results.db"),
      FMOPS_CACHE_DIR: join(folder, "cache"),
    });
    const exitCode = await runCli(["bench", "experiment.yaml", "--json"], io);
    const { run, cells } = JSON.parse(io.stdoutText());
    const byModel = Object.fromEntries(
      cells.map((cell: { params: { model: { alias: string } } }) => [
        cell.params.model.alias,
        cell,
      ]),
    );

    expect(exitCode).toBe(0);
    expect(run.summary.errorCount).toBe(0);
    // The script and the function read the one retrieved passage and
    // answer with its sentence that holds the answer.
    expect(byModel.script.metrics).toEqual({ contains: 1, "recall@1": 1 });
    expect(byModel.function.metrics).toEqual({ contains: 1, "recall@1": 1 });
    // The chain's stand-in model always answers about refunds.
    expect(byModel.chain.metrics).toEqual({ contains: 0, "recall@1": 1 });
    // Their prices are unknown, and the run says so rather than saying $0.
    expect(byModel.script.costUsd).toBeNull();
    expect(run.summary.costUsd).toBeNull();
    expect(run.warnings.join("\n")).toMatch(/no price for exec:echo-reader/);
  }, 30_000);

  it("compares two cells question by question", async () => {
    const io = captureIo(folder, { FMOPS_DB: join(folder, "results.db") });
    const { cells } = JSON.parse(
      await runAndRead(["show", "latest", "--json"], io),
    );
    const keyOf = (alias: string) =>
      cells.find(
        (cell: { params: { model: { alias: string } } }) =>
          cell.params.model.alias === alias,
      ).cellKey;
    const compareIo = captureIo(folder, {
      FMOPS_DB: join(folder, "results.db"),
    });
    const { comparisons } = JSON.parse(
      await runAndRead(
        [
          "compare",
          `latest:${keyOf("function")}`,
          `latest:${keyOf("chain")}`,
          "--json",
        ],
        compareIo,
      ),
    );
    const [contains, recall] = comparisons[0].metrics;

    // The function answers both questions, the chain neither: B − A = −1 on
    // each. Flipping the signs of two equal differences keeps |mean| = 1 in
    // half the flips, so p ≈ 0.5: two questions cannot show it is no luck.
    expect(contains).toMatchObject({
      metric: "contains",
      meanA: 1,
      meanB: 0,
      difference: -1,
      pairCount: 2,
      isSignificant: false,
    });
    expect(contains.pValue).toBeGreaterThan(0.4);
    expect(contains.pValue).toBeLessThan(0.6);
    // Both cells retrieve the same passages: no difference at all.
    expect(recall).toMatchObject({
      metric: "recall@1",
      difference: 0,
      low: 0,
      high: 0,
      pValue: 1,
    });
  });
});

async function runAndRead(argv: string[], io: ReturnType<typeof captureIo>) {
  const exitCode = await runCli(argv, io);
  if (exitCode !== 0) throw new Error(io.stderrText());
  return io.stdoutText();
}
