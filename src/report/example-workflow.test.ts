import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const workflowPath = fileURLToPath(
  new URL("../../.github/workflows/fmops-eval.yml", import.meta.url),
);

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
}

describe("the example CI workflow", () => {
  const workflow = parse(readFileSync(workflowPath, "utf8"));
  const steps: Step[] = workflow.jobs.eval.steps;

  it("is a workflow that runs on pull requests", () => {
    expect(workflow.on).toHaveProperty("pull_request");
    expect(workflow.jobs.eval["runs-on"]).toBe("ubuntu-latest");
    for (const step of steps) {
      expect(step.uses !== undefined || step.run !== undefined).toBe(true);
    }
  });

  it("restores the baseline, benches with gates, reports, gates, keeps the results", () => {
    const commands = steps.flatMap((step) =>
      step.run === undefined ? [] : [step.run.trim()],
    );
    expect(commands).toEqual([
      "npm ci",
      './bin/fmops import baseline/fmops.db\necho "BASELINE_FLAGS=--baseline main" >> "$GITHUB_ENV"',
      "./bin/fmops bench experiments/quickstart.yaml --gate",
      "./bin/fmops report latest $BASELINE_FLAGS --out reports/report.md",
      "./bin/fmops gate latest --baseline main --max-drop token_f1=0.02",
      "./bin/fmops label latest main",
    ]);
    // Without a baseline file, nothing names `main`: the regression gate
    // waits for the import to set the flags.
    const regression = steps.find((step) => step.run?.includes("fmops gate"));
    expect(regression?.if).toContain("env.BASELINE_FLAGS != ''");
    const upload = steps.at(-1);
    expect(upload?.uses).toMatch(/^actions\/upload-artifact@/);
    expect(upload?.if).toBe("always()");
  });
});
