import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type CliProject,
  isBuilt,
  runBuiltFmops,
} from "../test-support/cli-project.test-support.js";
import {
  createTinyProject,
  TINY_EXPERIMENT,
  TINY_QUESTIONS,
} from "../test-support/tiny-experiment.test-support.js";

// The tiny experiment's first three questions: BM25 ranks the right
// document first for each and the reader's best sentence holds the answer,
// so contains, recall@1 and ndcg@2 are all exactly 1.
const QUESTIONS = TINY_QUESTIONS.slice(0, 3);
const EXPERIMENT = TINY_EXPERIMENT;

let project: CliProject;
let folder: string;

beforeEach(() => {
  project = createTinyProject(QUESTIONS);
  folder = project.folder;
});

afterEach(() => project.remove());

function fmops(...argv: string[]) {
  return project.fmops(argv);
}

describe("fmops bench", () => {
  it("runs every cell, scores it and prints the leaderboard", async () => {
    const result = await fmops("bench", "experiment.yaml");

    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain("tiny · completed");
    expect(result.stdout).toContain("2 cells = 6 cases, 0 errors");
    expect(result.stdout).toContain("Indexes: 1 built");
    // Every score is 1, so the interval of the first metric has no width.
    expect(result.stdout).toMatch(
      /│ 1 +│ 1 +│ 1\.000 ±0\.000 +│ 1\.000 +│ 1\.000 /,
    );
    expect(result.stderr).toContain("index built: none · local:bm25 (3 chunks");
  });

  it("prints the run as JSON, and a second run reuses the index", async () => {
    const first = JSON.parse(
      (await fmops("bench", "experiment.yaml", "--json")).stdout,
    );
    const second = JSON.parse(
      (await fmops("bench", "experiment.yaml", "--json")).stdout,
    );

    expect(first.run.status).toBe("completed");
    expect(first.run.summary).toMatchObject({
      cellCount: 2,
      caseCount: 6,
      indexesBuilt: 1,
      indexesReused: 0,
    });
    expect(second.run.summary).toMatchObject({
      indexesBuilt: 0,
      indexesReused: 1,
    });
    expect(
      first.cells.map((cell: { params: { topK: number } }) => cell.params.topK),
    ).toEqual([1, 2]);
    for (const cell of first.cells) {
      expect(cell.metrics).toEqual({ contains: 1, "recall@1": 1, "ndcg@2": 1 });
      expect(cell.scoredCounts).toEqual({
        contains: 3,
        "recall@1": 3,
        "ndcg@2": 3,
      });
      expect(cell.costUsd).toBe(0);
    }
  });

  it("rejects a bad experiment with exit 2, a located message and no run", async () => {
    writeFileSync(
      join(folder, "experiment.yaml"),
      EXPERIMENT.replace("top_k: [1, 2]", "top_k: [1, 2]\n  colour: blue"),
    );
    const result = await fmops("bench", "experiment.yaml");

    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/experiment\.yaml:12:\d+: matrix/);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(JSON.parse((await fmops("runs", "--json")).stdout).runs).toEqual([]);
  });

  it("rejects a bad dataset with exit 2 before any run is recorded", async () => {
    writeFileSync(
      join(folder, "questions.jsonl"),
      `${JSON.stringify(QUESTIONS[0])}\n${JSON.stringify(QUESTIONS[0])}\n`,
    );
    const result = await fmops("bench", "experiment.yaml");

    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/questions\.jsonl:2: .*q1/);
    expect(JSON.parse((await fmops("runs", "--json")).stdout).runs).toEqual([]);
  });

  it("records a run as failed and exits 3 when it breaks after starting", async () => {
    rmSync(join(folder, "docs"), { recursive: true });
    mkdirSync(join(folder, "docs"));
    writeFileSync(
      join(folder, "docs", "only.md"),
      "# Only\n\nNothing useful.\n",
    );
    writeFileSync(
      join(folder, "experiment.yaml"),
      EXPERIMENT.replace(
        "embedder: [local:bm25]",
        "embedder: [local:glove-100d]",
      ),
    );
    const result = await project.fmops(["bench", "experiment.yaml"], {
      FMOPS_GLOVE_VECTORS: join(folder, "no-such-vectors.json"),
    });

    expect(result.exitCode).toBe(3);
    expect(result.stderr).toMatch(/run \S+ failed: .*no-such-vectors\.json/);
    const runs = JSON.parse((await fmops("runs", "--json")).stdout).runs;
    expect(runs).toHaveLength(1);
    expect(runs[0].status).toBe("failed");
  });
});

describe("fmops bench with a provider that cannot be reached", () => {
  it("records every case as failed, goes on, and says why", async () => {
    // Port 9 (discard) has no listener here: each call is refused at once.
    writeFileSync(
      join(folder, "experiment.yaml"),
      EXPERIMENT.replace(
        "reader: { provider: local, model: extractive }",
        "reader: { provider: openai, model: gpt-4o-mini, base_url: http://127.0.0.1:9/v1 }",
      ).replace("evaluators:", "retry: { max_attempts: 1 }\nevaluators:"),
    );
    // Providers read their keys from the process environment.
    process.env.OPENAI_API_KEY = "unused";
    try {
      const result = await fmops("bench", "experiment.yaml");

      expect(result.exitCode).toBe(0);
      expect(result.stdout).toContain("2 cells = 6 cases, 6 errors");
      expect(result.stdout).toMatch(
        /^error in 6 cases: openai gpt-4o-mini: connection failed/m,
      );
    } finally {
      delete process.env.OPENAI_API_KEY;
    }
  });
});

describe("fmops runs and show", () => {
  it("lists runs newest first and shows the latest one", async () => {
    await fmops("bench", "experiment.yaml", "--quiet");
    await fmops("bench", "experiment.yaml", "--quiet");
    const runs = JSON.parse((await fmops("runs", "--json")).stdout).runs;
    const shown = JSON.parse((await fmops("show", "latest", "--json")).stdout);
    const table = await fmops("show", runs[1].id);

    expect(runs).toHaveLength(2);
    expect(runs[0].startedAt >= runs[1].startedAt).toBe(true);
    expect(runs[0].configJson).toBeUndefined();
    expect(shown.run.id).toBe(runs[0].id);
    expect(shown.cells).toHaveLength(2);
    expect(table.exitCode).toBe(0);
    expect(table.stdout).toContain(`Run ${runs[1].id} · tiny · completed`);
  });

  it("shows and compares a run by its label", async () => {
    await fmops("bench", "experiment.yaml", "--quiet");
    await fmops("bench", "experiment.yaml", "--quiet");
    const runs = JSON.parse((await fmops("runs", "--json")).stdout).runs;
    const older = runs[1].id;
    await fmops("label", older, "main");

    const shown = JSON.parse((await fmops("show", "main", "--json")).stdout);
    const table = await fmops("show", "main");
    const compared = JSON.parse(
      (await fmops("compare", "main", "latest", "--json")).stdout,
    );

    expect(shown.run.id).toBe(older);
    expect(table.stdout).toContain(`Run ${older} · tiny · completed`);
    expect(compared.comparisons).toHaveLength(2);
    expect(compared.comparisons[0].a.runId).toBe(older);
    expect(compared.comparisons[0].b.runId).toBe(runs[0].id);

    const malformed = await fmops("compare", "main:ab:cd", "latest");
    expect(malformed.exitCode).toBe(2);
    expect(malformed.stderr).toContain(
      '"main:ab:cd": expected RUN or RUN:CELL',
    );
  });

  it("says so when no run matches", async () => {
    const result = await fmops("show", "nope");

    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(
      'error: no run or label matches "nope" (see `fmops runs` and ' +
        "`fmops label --list`)\n",
    );
  });
});

describe("fmops validate and schema", () => {
  it("validates a file without running it", async () => {
    const result = await fmops("validate", "experiment.yaml");

    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(
      "experiment.yaml: valid — 2 cells (varying: top_k)",
    );
    expect(existsSync(join(folder, "results.db"))).toBe(false);
  });

  it("prints a JSON Schema that describes the matrix", async () => {
    const schema = JSON.parse((await fmops("schema")).stdout);

    expect(schema.type).toBe("object");
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(["name", "dataset", "matrix", "evaluators"]),
    );
  });
});

describe("command line usage", () => {
  it.each(["bench", "validate", "schema", "runs", "show", "fake-server"])(
    "%s --help shows examples and exits 0",
    async (command) => {
      const result = await fmops(command, "--help");

      expect(result.exitCode).toBe(0);
      expect(result.stdout).toContain("Examples:");
    },
  );

  it("exits 2 on an unknown option or a bad value", async () => {
    expect((await fmops("bench", "experiment.yaml", "--colour")).exitCode).toBe(
      2,
    );
    expect((await fmops("bench", "experiment.yaml", "-c", "0")).exitCode).toBe(
      2,
    );
    expect((await fmops("frobnicate")).exitCode).toBe(2);
  });

  it.skipIf(!isBuilt)("bin/fmops exits 2 without a stack trace", async () => {
    writeFileSync(join(folder, "broken.yaml"), "name: [unclosed\n");
    const result = await runBuiltFmops(project, ["validate", "broken.yaml"]);

    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(
      /^error: .*broken\.yaml:\d+:\d+: expected valid YAML/,
    );
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });
});
