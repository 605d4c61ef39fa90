import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openResultsStore } from "../../store/open-results-store.js";
import {
  type CliProject,
  createCliProject,
  jsonLines,
} from "../../test-support/cli-project.test-support.js";

// Three documents with disjoint words, and a fourth question relevant to
// two of them. BM25 ranks the relevant document first for q1–q3, and for
// q4 puts leave and parking (the only documents sharing its words) first.
// recall@2 by hand: top_k 2 finds everything, 1.000; top_k 1 finds one of
// q4's two documents, (1 + 1 + 1 + 0.5) / 4 = 0.875.
const DOCUMENTS: Record<string, string> = {
  "leave.md":
    "# Annual leave\n\nEmployees receive 25 days of annual leave each year. Unused days expire in March.\n",
  "laptop.md":
    "# Laptops\n\nEvery engineer gets a laptop with 32 GB of memory. Laptops are replaced every three years.\n",
  "parking.md":
    "# Parking\n\nThe office car park has 40 parking spaces. Bicycles go in the basement.\n",
};

const QUESTIONS = [
  { id: "q1", question: "How many days of annual leave?", relevant: ["leave"] },
  { id: "q2", question: "How much laptop memory?", relevant: ["laptop"] },
  { id: "q3", question: "How many parking spaces?", relevant: ["parking"] },
  {
    id: "q4",
    question: "Leave days and parking spaces?",
    relevant: ["leave", "parking"],
  },
];

function experiment(topK: string, gates = ""): string {
  return `name: gated
dataset:
  corpus: docs
  questions: questions.jsonl
matrix:
  chunking:
    - { strategy: none }
  embedder: [local:bm25]
  top_k: ${topK}
evaluators: [recall@2, mrr@2]
${gates}`;
}

let project: CliProject;
let folder: string;

beforeEach(() => {
  project = createCliProject({
    ...Object.fromEntries(
      Object.entries(DOCUMENTS).map(([name, text]) => [`docs/${name}`, text]),
    ),
    "questions.jsonl": jsonLines(QUESTIONS),
    "experiment.yaml": experiment("[1, 2]"),
  });
  folder = project.folder;
});

afterEach(() => project.remove());

function fmops(...argv: string[]) {
  return project.fmops(argv);
}

/** Runs the experiment file with `top_k` and gates; returns the run id. */
async function benchRun(topK: string, gates = ""): Promise<string> {
  writeFileSync(join(folder, "experiment.yaml"), experiment(topK, gates));
  const result = await fmops("bench", "experiment.yaml", "--json");
  expect(result.exitCode).toBe(0);
  return JSON.parse(result.stdout).run.id;
}

async function gateJson(...argv: string[]) {
  const result = await fmops("gate", ...argv, "--json");
  return { exitCode: result.exitCode, report: JSON.parse(result.stdout) };
}

describe("fmops gate", () => {
  it("passes the file's gate on the best cell and exits 0", async () => {
    const runId = await benchRun(
      "[1, 2]",
      "gates:\n  recall@2: { min: 0.9 }\n",
    );
    const result = await fmops("gate", runId);

    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(`Gates of run ${runId} (gated)`);
    expect(result.stdout).toMatch(
      /recall@2 +│ ≥ 0\.900 +│ best +│ none · bm25 · dense · k2 \(\w{12}\) +│ 1\.000 +│ – +│ pass/,
    );
    expect(result.stdout).toMatch(/PASS: all 1 gate check passed\n$/);
  });

  it("fails on the cell below the bound and exits 1", async () => {
    const runId = await benchRun("[1, 2]");
    const { exitCode, report } = await gateJson(
      runId,
      "--cell",
      "all",
      "--min",
      "recall@2=0.9",
    );

    expect(exitCode).toBe(1);
    expect(report.verdict).toBe("fail");
    expect(
      report.checks.map(
        (check: { value: number; isPassing: boolean; cellLabel: string }) => [
          check.cellLabel,
          check.value,
          check.isPassing,
        ],
      ),
    ).toEqual([
      ["none · bm25 · dense · k1", 0.875, false],
      ["none · bm25 · dense · k2", 1, true],
    ]);
  });

  it("checks run figures and a cell named by its label", async () => {
    const runId = await benchRun("[1, 2]");
    const { exitCode, report } = await gateJson(
      runId,
      "--cell",
      "none · bm25 · dense · k1",
      "--max",
      "cost_usd=0",
      "--max",
      "error_rate=0",
      "--min",
      "mrr@2=1",
    );

    expect(exitCode).toBe(0);
    expect(
      report.checks.map((check: { metric: string; value: number }) => [
        check.metric,
        check.value,
      ]),
    ).toEqual([
      ["mrr@2", 1],
      ["cost_usd", 0],
      ["error_rate", 0],
    ]);
  });

  it("fails a drop larger than max_drop against a baseline, and passes a smaller", async () => {
    const baseline = await benchRun("[2]");
    const candidate = await benchRun("[1]");
    const tight = await gateJson(
      candidate,
      "--baseline",
      baseline,
      "--max-drop",
      "recall@2=0.1",
    );
    const loose = await gateJson(
      candidate,
      "--baseline",
      baseline,
      "--max-drop",
      "recall@2=0.2",
    );

    // 1.000 in the baseline, 0.875 now: a drop of 0.125.
    expect(tight.exitCode).toBe(1);
    expect(tight.report.baseline).toBe(baseline);
    expect(tight.report.checks[0]).toMatchObject({
      rule: "max_drop",
      value: 0.875,
      baselineValue: 1,
      isPassing: false,
    });
    expect(loose.exitCode).toBe(0);
  });

  it("compares with the latest other run of the experiment by default", async () => {
    const gates =
      "gates:\n  recall@2: { max_drop: 0, significant_drop: true }\n";
    await benchRun("[2]", gates);
    const same = await benchRun("[2]", gates);
    const worse = await benchRun("[1]", gates);
    const sameResult = await gateJson(same);
    const worseResult = await gateJson(worse);

    expect(sameResult.exitCode).toBe(0);
    expect(worseResult.report.baseline).toBe(same);
    // One question of four lost half its recall: over the drop limit, but
    // too little for a paired test on four questions (p = 1).
    expect(
      worseResult.report.checks.map(
        (check: {
          rule: string;
          isPassing: boolean;
          pValue: number | null;
        }) => [check.rule, check.isPassing, check.pValue],
      ),
    ).toEqual([
      ["max_drop", false, null],
      ["significant_drop", true, 1],
    ]);
    expect(worseResult.exitCode).toBe(1);
  });

  it("fails a regression rule with a reason when there is no baseline", async () => {
    const runId = await benchRun("[2]");
    const { exitCode, report } = await gateJson(
      runId,
      "--max-drop",
      "recall@2=0.1",
    );

    expect(exitCode).toBe(1);
    expect(report.checks[0].reason).toBe(
      "no baseline: no finished run of gated started before it; pass --baseline",
    );
  });

  it("exits 3 for a run that failed or was interrupted", async () => {
    const runId = await benchRun("[2]");
    const store = openResultsStore(project.dbPath);
    const run = store.findRun(runId);
    if (run === null) throw new Error("run not recorded");
    store.createRun({ ...run, id: `${runId}-copy`, summary: null });
    store.finishRun(`${runId}-copy`, {
      status: "interrupted",
      statusReason: "stopped by Ctrl-C",
      endedAt: run.startedAt,
      summary: null,
    });
    store.close();
    const result = await fmops("gate", `${runId}-copy`, "--min", "mrr@2=0");

    expect(result.exitCode).toBe(3);
    expect(result.stderr).toBe(
      `error: run ${runId}-copy did not complete (status interrupted): ` +
        "stopped by Ctrl-C; its gates were not checked\n",
    );
  });

  it("exits 3 for a run that broke after starting", async () => {
    writeFileSync(
      join(folder, "experiment.yaml"),
      experiment("[2]").replace("[local:bm25]", "[local:glove-100d]"),
    );
    const broken = await project.fmops(["bench", "experiment.yaml", "-q"], {
      FMOPS_GLOVE_VECTORS: join(folder, "no-such-vectors.json"),
    });
    expect(broken.exitCode).toBe(3);
    const result = await fmops("gate", "latest", "--min", "recall@2=0");

    expect(result.exitCode).toBe(3);
    expect(result.stderr).toMatch(
      /^error: run \S+ did not complete \(status failed\): .*no-such-vectors\.json.*; its gates were not checked\n$/,
    );
  });

  it("exits 2 on bad flags, unknown metrics and unknown baselines", async () => {
    const runId = await benchRun("[2]");
    const noEquals = await fmops("gate", runId, "--min", "recall@2");
    const notNumber = await fmops("gate", runId, "--min", "recall@2=high");
    const unknown = await fmops("gate", runId, "--min", "token_f1=0.5");
    const noBaseline = await fmops(
      "gate",
      runId,
      "--baseline",
      "main",
      "--max-drop",
      "recall@2=0.1",
    );
    const noGates = await fmops("gate", runId);

    expect(noEquals.exitCode).toBe(2);
    expect(noEquals.stderr).toContain(
      'expected METRIC=VALUE such as token_f1=0.6, got "recall@2"',
    );
    expect(notNumber.exitCode).toBe(2);
    expect(notNumber.stderr).toContain(
      'a number after "recall@2=", got "high"',
    );
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toBe(
      `error: gate metric "token_f1": expected one of the metrics of run ${runId}: ` +
        "recall@2, mrr@2, cost_usd, latency_p50_ms, latency_p95_ms, " +
        "latency_p99_ms, error_rate\n",
    );
    expect(noBaseline.exitCode).toBe(2);
    expect(noBaseline.stderr).toContain('no run or label matches "main"');
    expect(noGates.exitCode).toBe(2);
    expect(noGates.stderr).toContain(`run ${runId} has no gates`);
  });

  it("rejects a gate on an unknown metric in the file with exit 2", async () => {
    writeFileSync(
      join(folder, "experiment.yaml"),
      experiment("[2]", "gates:\n  token_f1: { min: 0.5 }\n"),
    );
    const result = await fmops("bench", "experiment.yaml");

    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(
      /^error: experiment\.yaml:12:\d+: gates\.token_f1: expected a gate on one of the metrics recall@2, mrr@2, cost_usd, .*, got "token_f1"\n$/,
    );
  });
});

describe("fmops bench --gate", () => {
  it("exits 0 when the file's gates pass and 1 when one fails", async () => {
    writeFileSync(
      join(folder, "experiment.yaml"),
      experiment("[1, 2]", "gates:\n  recall@2: { min: 0.9 }\n"),
    );
    const passing = await fmops("bench", "experiment.yaml", "--gate", "-q");
    writeFileSync(
      join(folder, "experiment.yaml"),
      experiment("[1, 2]", "gates:\n  recall@2: { min: 0.9, cell: all }\n"),
    );
    const failing = await fmops("bench", "experiment.yaml", "--gate", "-q");

    expect(passing.exitCode).toBe(0);
    expect(passing.stdout).toContain("PASS: all 1 gate check passed");
    expect(failing.exitCode).toBe(1);
    expect(failing.stdout).toContain("FAIL: 1 of 2 gate checks failed");
    const runs = JSON.parse((await fmops("runs", "--json")).stdout).runs;
    expect(runs.map((run: { status: string }) => run.status)).toEqual([
      "completed",
      "completed",
    ]);
  });

  it("with --json keeps stdout one JSON document and the table on stderr", async () => {
    writeFileSync(
      join(folder, "experiment.yaml"),
      experiment("[2]", "gates:\n  recall@2: { min: 0.9 }\n"),
    );
    const result = await fmops("bench", "experiment.yaml", "--gate", "--json");

    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout).run.status).toBe("completed");
    expect(result.stderr).toContain("PASS: all 1 gate check passed");
  });

  it.each(["gate", "label"])("%s --help shows examples", async (command) => {
    const result = await fmops(command, "--help");

    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain("Examples:");
  });

  it("refuses --gate on a file without gates before running", async () => {
    const result = await fmops("bench", "experiment.yaml", "--gate");

    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("experiment.yaml has no gates");
    expect(JSON.parse((await fmops("runs", "--json")).stdout).runs).toEqual([]);
  });
});
