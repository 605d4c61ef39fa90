import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { captureIo } from "../test-support/capture-io.js";
import { runCli } from "./main.js";

const repositoryRoot = fileURLToPath(new URL("../../", import.meta.url));
const badFiles = readdirSync(join(repositoryRoot, "fixtures/bad-experiments"))
  .filter((name) => name.endsWith(".yaml"))
  .sort();
const workDir = mkdtempSync(join(tmpdir(), "fmops-bad-"));
const env = {
  FMOPS_DB: join(workDir, "results.db"),
  FMOPS_CACHE_DIR: join(workDir, "cache"),
};

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

// The line and field of each file are pinned in src/config; here the
// command line is held to its promise: exit 2, one short located message,
// no stack trace, and no run recorded.
describe("fmops bench on malformed experiment files", () => {
  it("has at least 20 of them", () => {
    expect(badFiles.length).toBeGreaterThanOrEqual(20);
  });

  it.each(badFiles)("%s exits 2 with a located error", async (name) => {
    const io = captureIo(repositoryRoot, env);
    const exitCode = await runCli(
      ["bench", `fixtures/bad-experiments/${name}`],
      io,
    );
    const stderr = io.stderrText();

    expect(exitCode).toBe(2);
    expect(stderr).toMatch(
      new RegExp(`^error: fixtures/bad-experiments/${name}:\\d+:\\d+: `),
    );
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(io.stdoutText()).toBe("");
  });

  it("recorded no run for any of them", async () => {
    const io = captureIo(repositoryRoot, env);
    await runCli(["runs", "--json"], io);

    expect(JSON.parse(io.stdoutText())).toEqual({ runs: [] });
  });
});
