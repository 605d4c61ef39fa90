import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { XMLValidator } from "fast-xml-parser";
import { lint } from "markdownlint/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { summarizeCell } from "../../evaluation/summarize-cell.js";
import { openResultsStore } from "../../store/open-results-store.js";
import type { CliProject } from "../../test-support/cli-project.test-support.js";
import { createTinyProject } from "../../test-support/tiny-experiment.test-support.js";

let project: CliProject;
let baselineId: string;
let currentId: string;

// Two runs of the tiny experiment (4 questions, cells top_k 1 and 2). The
// second loses the answer to q1, so `contains` falls from 3/4 to 2/4 in
// both cells; q4's answer is in no document, so it scores 0 in both runs.
beforeAll(async () => {
  project = createTinyProject();
  baselineId = await benchRunId();
  project.write({
    "docs/leave.md": "# Annual leave\n\nEmployees get holidays.\n",
  });
  currentId = await benchRunId();
});

afterAll(() => project.remove());

async function benchRunId(): Promise<string> {
  const result = await project.fmops(["bench", "experiment.yaml", "--json"]);
  expect(result.exitCode).toBe(0);
  return JSON.parse(result.stdout).run.id;
}

function read(name: string): string {
  return readFileSync(join(project.folder, name), "utf8");
}

function parseRows(text: string): Record<string, string>[] {
  return parse(text, { columns: true }) as Record<string, string>[];
}

function lintMarkdown(text: string): string[] {
  // Line length is off: tables and cell labels are as wide as they are.
  const results = lint({
    strings: { report: text },
    config: { default: true, MD013: false },
  });
  return (results.report ?? []).map(
    (error) =>
      `${error.lineNumber}: ${error.ruleNames.join("/")} ${error.errorDetail ?? ""}`,
  );
}

describe("fmops report (markdown)", () => {
  it("writes the report and its two charts beside it, and lints clean", async () => {
    const result = await project.fmops([
      "report",
      currentId,
      "--baseline",
      baselineId,
      "--out",
      "out/report.md",
    ]);

    expect(result.exitCode).toBe(0);
    expect(readdirSync(join(project.folder, "out")).sort()).toEqual([
      "report-pareto-cost.svg",
      "report-pareto-latency.svg",
      "report.md",
    ]);
    const markdown = read("out/report.md");
    expect(lintMarkdown(markdown)).toEqual([]);
    expect(markdown).toContain(
      "![contains against cost](report-pareto-cost.svg)",
    );
    expect(markdown).toContain(
      "![contains against latency p50](report-pareto-latency.svg)",
    );
    for (const chart of ["cost", "latency"]) {
      const svg = read(`out/report-pareto-${chart}.svg`);
      expect(XMLValidator.validate(svg)).toBe(true);
      expect(svg).toContain("contains (mean)");
    }
  });

  it("says what changed against the baseline, and which questions dropped", async () => {
    const result = await project.fmops([
      "report",
      "latest",
      "--baseline",
      baselineId,
    ]);
    const markdown = result.stdout;

    expect(markdown).toContain(`Baseline run \`${baselineId}\``);
    // contains: 0.750 → 0.500 in each cell; 4 pairs, one fell by 1, so the
    // permutation test cannot call it (p = 1); recall@1 did not move.
    expect(markdown).toMatch(
      /\| none · bm25 · dense · k1 · reader · grounded \| contains +\| +0\.750 \| +0\.500 \| +-0\.250 \| +\[-0\.750, 0\.000\] \| +1\.000 \| no +\| +4 \|/,
    );
    expect(markdown).toMatch(
      /\| recall@1 +\| +1\.000 \| +1\.000 \| +0\.000 \|/,
    );
    const drops = markdown.slice(
      markdown.indexOf("### Largest per-question drops in contains"),
    );
    expect(drops.match(/\| `q1` +\|/g)).toHaveLength(2);
    expect(drops).toContain("| Employees get holidays. |");
    expect(drops).not.toContain("`q4`");
  });

  it("lists the best cell's worst cases, with escaped pipes", async () => {
    const markdown = (await project.fmops(["report", currentId])).stdout;
    const worst = markdown.slice(markdown.indexOf("## Worst cases"));

    expect(worst).toContain(
      "The 4 lowest contains scores of the best cell, `none · bm25 · dense · k1 · reader · grounded`",
    );
    expect(worst).toMatch(/\| `q1` +\| How many days .*\| +0\.000 \|/);
    expect(worst).toContain("What colour \\| shape is the office door?");
    expect(lintMarkdown(markdown)).toEqual([]);
  });

  it("on stdout, skips the chart files and says how to get them", async () => {
    const result = await project.fmops(["report", "latest"]);

    expect(result.stdout).toContain(
      "Charts are written beside the report with --out FILE",
    );
    expect(result.stdout).not.toContain("![");
    expect(existsSync(join(project.folder, "report-pareto-cost.svg"))).toBe(
      false,
    );
  });

  it("refuses an --out it cannot write with exit 2", async () => {
    mkdirSync(join(project.folder, "a-folder"), { recursive: true });
    const result = await project.fmops([
      "report",
      "latest",
      "--out",
      "a-folder",
    ]);

    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/^error: cannot write .*a-folder: EISDIR/);
  });

  it("appends the report to GITHUB_STEP_SUMMARY when it is set", async () => {
    const summaryPath = join(project.folder, "step-summary.md");
    writeFileSync(summaryPath, "## Earlier step\n\n");

    const result = await project.fmops(
      ["report", "latest", "--out", "summary-run/report.md"],
      { GITHUB_STEP_SUMMARY: summaryPath },
    );

    expect(result.exitCode).toBe(0);
    const summary = read("step-summary.md");
    expect(
      summary.startsWith("## Earlier step\n\n# fmops report: tiny\n"),
    ).toBe(true);
    expect(summary).toContain("Charts are not shown in the job summary");
    expect(summary).not.toContain("![");
  });
});

describe("fmops report (html)", () => {
  it("writes one page with both charts inside", async () => {
    const result = await project.fmops([
      "report",
      "latest",
      "--format",
      "html",
    ]);

    expect(result.exitCode).toBe(0);
    expect(result.stdout.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(result.stdout.match(/<svg xmlns=/g)).toHaveLength(2);
    expect(result.stdout).toContain("What colour | shape is the office door?");
  });
});

describe("fmops report --format csv", () => {
  it("writes one table per case and one per cell beside --out", async () => {
    const result = await project.fmops([
      "report",
      currentId,
      "--format",
      "csv",
      "--out",
      "csv/results.csv",
    ]);

    expect(result.exitCode).toBe(0);
    const cases = parseRows(read("csv/results-cases.csv"));
    expect(cases).toHaveLength(8);
    expect(Object.keys(cases[0] ?? {})).toEqual(
      expect.arrayContaining(["question_id", "contains", "recall@1", "ndcg@2"]),
    );
    const q4 = cases.filter((row) => row.question_id === "q4");
    expect(q4.map((row) => row.contains)).toEqual(["0", "0"]);
    expect(q4[0]?.question).toBe("What colour | shape is the office door?");
    // No answer of this run came from the cache: 0, not an empty cell.
    expect(new Set(cases.map((row) => row.is_cached))).toEqual(new Set(["0"]));

    const cells = parseRows(read("csv/results-cells.csv"));
    expect(cells.map((row) => row.top_k)).toEqual(["1", "2"]);
    expect(cells[0]).toMatchObject({
      contains: "0.5",
      contains_scored: "4",
      case_count: "4",
      error_count: "0",
      // The local reader is free: $0 in all, $0 a case.
      cost_usd: "0",
      cost_per_case_usd: "0",
    });
  });

  it("prints one table on stdout, the cases unless --table says", async () => {
    const result = await project.fmops([
      "report",
      currentId,
      "--format",
      "csv",
      "--table",
      "cells",
    ]);
    const rows = parseRows(result.stdout);
    expect(rows).toHaveLength(2);
    expect(rows[0]?.cell_label).toBe(
      "none · bm25 · dense · k1 · reader · grounded",
    );
  });
});

describe("fmops report --format json", () => {
  it("round-trips through fmops import with the same aggregates", async () => {
    await project.fmops([
      "report",
      currentId,
      "--format",
      "json",
      "--out",
      "run.json",
    ]);
    const exported = JSON.parse(read("run.json"));
    expect(exported).toMatchObject({
      format: "fmops-run-export",
      formatVersion: 1,
      run: { id: currentId, experimentName: "tiny", status: "completed" },
    });
    expect(exported.cases).toHaveLength(8);

    const otherDb = join(project.folder, "empty.db");
    const imported = await project.fmops([
      "import",
      "run.json",
      "--db",
      otherDb,
    ]);
    expect(imported.exitCode).toBe(0);
    expect(imported.stdout).toContain(
      `Imported 1 run from run.json: ${currentId}`,
    );

    const original = openResultsStore(project.dbPath);
    const copy = openResultsStore(otherDb);
    try {
      const summaries = copy.getCellSummaries(currentId);
      expect(summaries).toEqual(original.getCellSummaries(currentId));
      expect(copy.findRun(currentId)).toEqual(original.findRun(currentId));
      expect(copy.getCalls(currentId)).toEqual(original.getCalls(currentId));
      // Summaries computed again from the imported cases are the same.
      for (const summary of summaries) {
        const again = summarizeCell(
          {
            key: summary.cellKey,
            label: summary.label,
            params: summary.params,
          },
          copy.getCases(currentId, summary.cellKey),
          ["contains", "recall@1", "ndcg@2"],
        );
        expect(again).toEqual(summary);
      }
    } finally {
      original.close();
      copy.close();
    }
  });
});

describe("fmops report usage errors", () => {
  it.each([
    [
      ["report", "latest", "--format", "pdf"],
      "Allowed choices are md, json, csv, html",
    ],
    [
      ["report", "latest", "--format", "json", "--baseline", "latest"],
      "--baseline compares runs in md and html reports",
    ],
    [["report", "latest", "--table", "cells"], "--table chooses a CSV table"],
    [["report", "nope"], 'no run or label matches "nope"'],
    [
      ["report", "latest", "--baseline", "nope"],
      'no run or label matches "nope"',
    ],
  ])("%j exits 2 and says why", async (argv, message) => {
    const result = await project.fmops(argv);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(message);
  });
});
