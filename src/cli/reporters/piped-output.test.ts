import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type CliProject,
  createCliProject,
  isBuilt,
  runBuiltFmops,
} from "../../test-support/cli-project.test-support.js";

let project: CliProject;

beforeAll(() => {
  project = createCliProject({
    "docs/leave.md": "# Leave\n\nEmployees get 25 days of leave.\n",
    "questions.jsonl":
      '{"id":"q1","question":"How many days of leave?","answers":["25 days"],"relevant":["leave"]}\n',
    "experiment.yaml": `name: piped
dataset: { corpus: docs, questions: questions.jsonl }
models: { reader: { provider: local, model: extractive } }
matrix:
  chunking: { strategy: none }
  embedder: local:bm25
  top_k: [1, 2]
  model: reader
evaluators: [contains]
`,
  });
});

afterAll(() => project.remove());

function benchPiped(env: Record<string, string>) {
  return runBuiltFmops(project, ["bench", "experiment.yaml"], env);
}

describe.skipIf(!isBuilt)("fmops bench with its output piped", () => {
  it("prints plain progress lines and no escape codes", async () => {
    const result = await benchPiped({});

    expect(result.exitCode).toBe(0);
    expect(result.stderr).toContain("progress: 2/2 cases (100%)");
    expect(result.stdout).toContain("Run ");
    expect(result.stdout + result.stderr).not.toContain("\x1b[");
  });

  it("prints no escape codes when colour is forced off or on", async () => {
    const environments: Record<string, string>[] = [
      { NO_COLOR: "1" },
      { FORCE_COLOR: "1" },
    ];
    for (const env of environments) {
      const result = await benchPiped(env);
      expect(result.exitCode).toBe(0);
      expect(result.stdout + result.stderr).not.toContain("\x1b[");
    }
  });
});
