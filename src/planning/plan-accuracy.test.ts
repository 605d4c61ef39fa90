import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../cli/main.js";
import {
  type RunningFakeServer,
  startFakeServer,
} from "../fake-server/start-fake-server.js";
import { captureIo } from "../test-support/capture-io.js";
import type { ExperimentPlan } from "./experiment-plan.js";

const experimentsFolder = fileURLToPath(
  new URL("../../experiments/", import.meta.url),
);

/** What a run recorded for one model: every call and try, billed. */
interface RecordedUsage {
  model: string;
  tokens: number;
  costUsd: number;
}

let folder: string;
let server: RunningFakeServer;
let plan: ExperimentPlan;
let recorded: RecordedUsage[];

/**
 * experiments/providers.yaml as it is, pointed at this test's fake server
 * (default settings, as `fmops fake-server` starts) instead of port 8787.
 */
function writeProvidersExperiment(): void {
  const text = readFileSync(join(experimentsFolder, "providers.yaml"), "utf8")
    .replaceAll("http://127.0.0.1:8787", server.url)
    .replaceAll("../fixtures/", join(experimentsFolder, "../fixtures/"))
    .replaceAll(
      "prompts/grounded.md",
      join(experimentsFolder, "prompts/grounded.md"),
    );
  writeFileSync(join(folder, "providers.yaml"), text);
}

async function fmops(...argv: string[]): Promise<string> {
  const io = captureIo(folder, {
    FMOPS_DB: join(folder, "results.db"),
    FMOPS_CACHE_DIR: join(folder, "cache"),
  });
  const exitCode = await runCli(argv, io);
  expect(exitCode, io.stderrText()).toBe(0);
  return io.stdoutText();
}

function readRecordedUsage(): RecordedUsage[] {
  const database = new Database(join(folder, "results.db"), { readonly: true });
  try {
    return database
      .prepare(
        `SELECT provider || ':' || model_id AS model,
                sum(input_tokens + output_tokens) AS tokens,
                sum(cost_usd) AS costUsd
           FROM calls WHERE provider != 'local' GROUP BY 1`,
      )
      .all() as RecordedUsage[];
  } finally {
    database.close();
  }
}

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), "fmops-plan-accuracy-"));
  server = await startFakeServer();
  writeProvidersExperiment();
  process.env.OPENAI_API_KEY = "fake";
  process.env.AWS_ACCESS_KEY_ID = "fake";
  process.env.AWS_SECRET_ACCESS_KEY = "fake";
  plan = JSON.parse(await fmops("plan", "providers.yaml", "--json"));
  await fmops("bench", "providers.yaml", "--json");
  recorded = readRecordedUsage();
}, 120_000);

afterAll(async () => {
  delete process.env.OPENAI_API_KEY;
  delete process.env.AWS_ACCESS_KEY_ID;
  delete process.env.AWS_SECRET_ACCESS_KEY;
  await server.close();
  rmSync(folder, { recursive: true, force: true });
});

function expectWithin15Percent(estimate: number, actual: number): void {
  expect(Math.abs(estimate - actual) / actual).toBeLessThanOrEqual(0.15);
}

describe("fmops plan against the run it predicts (providers.yaml)", () => {
  it("estimates each remote model's tokens and cost within ±15%", () => {
    expect(recorded.map((usage) => usage.model).sort()).toEqual([
      "bedrock:amazon.nova-lite-v1:0",
      "openai:gpt-4o-mini",
      "openai:text-embedding-3-small",
    ]);
    for (const usage of recorded) {
      const estimates = plan.calls.filter(
        (call) => `${call.provider}:${call.modelId}` === usage.model,
      );
      const tokens = estimates.reduce(
        (total, call) => total + call.inputTokens + call.outputTokens,
        0,
      );
      const costUsd = estimates.reduce(
        (total, call) => total + (call.costUsd ?? Number.NaN),
        0,
      );
      expectWithin15Percent(tokens, usage.tokens);
      expectWithin15Percent(costUsd, usage.costUsd);
    }
  });

  it("estimates the run's total cost within ±15%", () => {
    const recordedCostUsd = recorded.reduce(
      (total, usage) => total + usage.costUsd,
      0,
    );
    expect(plan.totals.costUsd).not.toBeNull();
    expectWithin15Percent(plan.totals.costUsd ?? 0, recordedCostUsd);
  });
});
