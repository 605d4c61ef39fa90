import { execFile } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const binPath = fileURLToPath(new URL("../../../bin/fmops", import.meta.url));
const isBuilt = existsSync(
  fileURLToPath(new URL("../../../dist/cli/main.js", import.meta.url)),
);

let folder: string;

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), "fmops-piped-"));
  mkdirSync(join(folder, "docs"));
  writeFileSync(
    join(folder, "docs", "leave.md"),
    "# Leave\n\nEmployees get 25 days of leave.\n",
  );
  writeFileSync(
    join(folder, "questions.jsonl"),
    '{"id":"q1","question":"How many days of leave?","answers":["25 days"],"relevant":["leave"]}\n',
  );
  writeFileSync(
    join(folder, "experiment.yaml"),
    `name: piped
dataset: { corpus: docs, questions: questions.jsonl }
models: { reader: { provider: local, model: extractive } }
matrix:
  chunking: { strategy: none }
  embedder: local:bm25
  top_k: [1, 2]
  model: reader
evaluators: [contains]
`,
  );
});

afterAll(() => rmSync(folder, { recursive: true, force: true }));

function benchPiped(env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>(
    (resolve) => {
      const child = execFile(
        process.execPath,
        [binPath, "bench", "experiment.yaml"],
        {
          cwd: folder,
          env: {
            PATH: process.env.PATH,
            FMOPS_DB: join(folder, "results.db"),
            FMOPS_CACHE_DIR: join(folder, "cache"),
            ...env,
          },
        },
        (_error, stdout, stderr) =>
          resolve({ code: child.exitCode, stdout, stderr }),
      );
    },
  );
}

describe.skipIf(!isBuilt)("fmops bench with its output piped", () => {
  it("prints plain progress lines and no escape codes", async () => {
    const result = await benchPiped({});

    expect(result.code).toBe(0);
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
      expect(result.code).toBe(0);
      expect(result.stdout + result.stderr).not.toContain("\x1b[");
    }
  });
});
