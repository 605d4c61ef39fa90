import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type CliProject,
  createCliProject,
} from "../../test-support/cli-project.test-support.js";

const EXPERIMENT = `name: labelled
dataset: { corpus: docs, questions: questions.jsonl }
matrix:
  chunking: { strategy: none }
  embedder: local:bm25
  top_k: 1
evaluators: [recall@1]
gates:
  recall@1: { max_drop: 0 }
`;

let project: CliProject;

beforeEach(() => {
  project = createCliProject({
    "docs/leave.md": "# Leave\n\n25 days.\n",
    "questions.jsonl":
      '{"id":"q1","question":"How many days of leave?","relevant":["leave"]}\n',
    "experiment.yaml": EXPERIMENT,
  });
});

afterEach(() => project.remove());

function fmops(...argv: string[]) {
  return project.fmops(argv);
}

async function benchRun(): Promise<string> {
  const result = await fmops("bench", "experiment.yaml", "--json");
  return JSON.parse(result.stdout).run.id;
}

describe("fmops label", () => {
  it("attaches, moves, lists and deletes labels", async () => {
    const first = await benchRun();
    const second = await benchRun();

    const attached = await fmops("label", first, "main");
    const again = await fmops("label", first, "main");
    const moved = await fmops("label", "latest", "main");
    await fmops("label", first, "release-1.2");
    const listed = JSON.parse(
      (await fmops("label", "--list", "--json")).stdout,
    );
    const table = await fmops("label", "--list");
    const deleted = await fmops("label", "--delete", "release-1.2");
    const deletedAgain = await fmops("label", "--delete", "release-1.2");

    expect(attached).toMatchObject({
      exitCode: 0,
      stdout: `Labelled run ${first} "main".\n`,
    });
    expect(again).toMatchObject({
      exitCode: 0,
      stdout: `Run ${first} is already labelled "main".\n`,
    });
    expect(moved.stdout).toBe(
      `Moved label "main" from run ${first} to run ${second}.\n`,
    );
    expect(
      listed.labels.map((label: { name: string; runId: string }) => [
        label.name,
        label.runId,
      ]),
    ).toEqual([
      ["main", second],
      ["release-1.2", first],
    ]);
    expect(table.stdout).toMatch(
      new RegExp(`│ main +│ ${second} +│ labelled +│ completed `),
    );
    expect(deleted.stdout).toBe('Deleted label "release-1.2".\n');
    expect(deletedAgain.exitCode).toBe(2);
    expect(deletedAgain.stderr).toBe(
      'error: no label named "release-1.2" (see `fmops label --list`)\n',
    );
  });

  it("shows labels in fmops runs", async () => {
    const runId = await benchRun();
    await fmops("label", runId, "main");
    await fmops("label", runId, "nightly");

    const runs = JSON.parse((await fmops("runs", "--json")).stdout).runs;
    const table = (await fmops("runs")).stdout;

    expect(runs[0].labels).toEqual(["main", "nightly"]);
    expect(table).toMatch(/│ labels +│/);
    expect(table).toContain("main, nightly");
  });

  it("lets a label stand for the baseline of a gate", async () => {
    const baseline = await benchRun();
    const candidate = await benchRun();
    await fmops("label", baseline, "main");

    const result = await fmops("gate", candidate, "--baseline", "main");

    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(
      `Gates of run ${candidate} (labelled) against ${baseline}`,
    );
  });

  it("exits 2 on a bad name, an unknown run or missing arguments", async () => {
    const runId = await benchRun();

    const badName = await fmops("label", runId, "2025");
    const noRun = await fmops("label", "nope", "main");
    const noName = await fmops("label", runId);

    expect(badName.exitCode).toBe(2);
    expect(badName.stderr).toContain('label "2025": expected a letter');
    expect(noRun.exitCode).toBe(2);
    expect(noRun.stderr).toContain('no run or label matches "nope"');
    expect(noName.exitCode).toBe(2);
    expect(noName.stderr).toContain("expected a run and a label name");
  });
});
