import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError } from "../errors/config-error.js";
import { loadExperiment } from "./load-experiment.js";

const folders: string[] = [];

afterEach(() => {
  for (const folder of folders.splice(0)) {
    rmSync(folder, { recursive: true, force: true });
  }
});

/** Writes an experiment beside a one-document dataset and loads it. */
async function load(experimentBody: string) {
  const folder = mkdtempSync(join(tmpdir(), "fmops-providers-"));
  folders.push(folder);
  const files: Record<string, string> = {
    "docs/a.md": "# A\nAlpha.\n",
    "questions.jsonl": '{"id":"q1","question":"A?","answers":["Alpha"]}\n',
    "reader.mjs": "export default () => 'Alpha';\n",
    "experiment.yaml": `name: providers
dataset: { corpus: docs, questions: questions.jsonl }
${experimentBody}
evaluators: [recall@1]
`,
  };
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), content);
  }
  return {
    folder,
    load: () => loadExperiment(join(folder, "experiment.yaml")),
  };
}

async function issuesOf(experimentBody: string): Promise<string[]> {
  const project = await load(experimentBody);
  try {
    await project.load();
  } catch (error) {
    if (error instanceof ConfigError) {
      return error.issues.map(
        (issue) =>
          `${issue.location.line}: ${issue.fieldPath}: ${issue.expected}`,
      );
    }
    throw error;
  }
  return [];
}

const MATRIX = `matrix:
  chunking: { strategy: none }
  embedder: local:bm25
  top_k: 1
  model: [m]`;

describe("remote and custom providers in experiment files", () => {
  it("resolves connection settings, limits, retries, prices and the cache", async () => {
    const project = await load(`models:
  m:
    provider: openai
    model: gpt-4o-mini
    base_url: http://127.0.0.1:8787/v1
    api_key_env: MY_KEY
    stream: false
${MATRIX}
limits:
  openai: { concurrency: 4, rpm: 600, tpm: 90000 }
retry: { max_attempts: 2, timeout_ms: 5000 }
prices:
  openai:gpt-4o-mini: { input: 0.1, output: 0.2 }
cache: false`);
    const experiment = await project.load();

    expect(experiment.cells[0]?.params.model).toEqual({
      alias: "m",
      provider: "openai",
      model: "gpt-4o-mini",
      settings: {
        baseUrl: "http://127.0.0.1:8787/v1",
        apiKeyEnv: "MY_KEY",
        stream: false,
      },
    });
    expect(experiment.limits).toEqual({
      openai: {
        concurrency: 4,
        requestsPerMinute: 600,
        tokensPerMinute: 90_000,
      },
    });
    expect(experiment.retry).toEqual({
      maxAttempts: 2,
      initialDelayMs: 500,
      maxDelayMs: 30_000,
      timeoutMs: 5_000,
    });
    expect(experiment.prices).toEqual({
      "openai:gpt-4o-mini": { input: 0.1, output: 0.2 },
    });
    expect(experiment.isCacheEnabled).toBe(false);
  });

  it("resolves module paths and splits a command line", async () => {
    const project = await load(`models:
  m: { provider: module, model: mine, module: reader.mjs }
  e: { provider: exec, model: script, command: node reader.mjs --fast }
matrix:
  chunking: { strategy: none }
  embedder: local:bm25
  top_k: 1
  model: [m, e]`);
    const experiment = await project.load();
    const [moduleModel, execModel] = experiment.cells.map(
      (cell) => cell.params.model,
    );

    expect(moduleModel?.settings).toEqual({
      modulePath: join(project.folder, "reader.mjs"),
    });
    expect(execModel?.settings).toEqual({
      command: ["node", "reader.mjs", "--fast"],
    });
  });

  it("lists remote embedders with their settings, and no settings for local ones", async () => {
    const project = await load(`matrix:
  chunking: { strategy: none }
  embedder: [local:glove-100d, openai:text-embedding-3-small]
  top_k: 1
embedders:
  openai:text-embedding-3-small: { base_url: http://127.0.0.1:8787/v1, batch_size: 64 }`);
    const experiment = await project.load();

    expect(experiment.embedders).toEqual([
      {
        id: "local:glove-100d",
        provider: "local",
        model: "glove-100d",
        settings: {},
      },
      {
        id: "openai:text-embedding-3-small",
        provider: "openai",
        model: "text-embedding-3-small",
        settings: { baseUrl: "http://127.0.0.1:8787/v1", batchSize: 64 },
      },
    ]);
  });

  it("names the settings a provider does not take and the ones it needs", async () => {
    expect(
      await issuesOf(`models:
  m: { provider: openai, model: gpt-4o, region: us-east-1 }
  x: { provider: exec, model: script }
  l: { provider: langchain, model: chain, module: missing.ts }
matrix:
  chunking: { strategy: none }
  embedder: local:bm25
  top_k: 1
  model: [m, x, l]`),
    ).toEqual([
      "4: models.m.region: no region for provider openai (its settings: base_url, api_key_env, stream)",
      "5: models.x: a `command` for provider exec",
      "6: models.l.module: a .js or .ts file that exists",
    ]);
  });

  it("refuses a retry ceiling below its first delay and a malformed price key", async () => {
    expect(
      await issuesOf(`${MATRIX.replace("  model: [m]", "")}
retry: { initial_delay_ms: 1000, max_delay_ms: 10 }
prices:
  gpt-4o: { input: 1, output: 2 }`),
    ).toEqual([
      "8: retry.max_delay_ms: a delay no shorter than initial_delay_ms (1000)",
      "10: prices.gpt-4o: a key of the form provider:model",
    ]);
  });
});
