#!/usr/bin/env node
// Measures whole `fmops bench` runs of an experiment in three phases:
//   first  nothing cached: converted model files and indexes are built;
//   cold   model files cached, indexes removed, so every index is built;
//   warm   everything cached: every index is reused.
// Each phase runs in its own process so peak memory is that run's alone.
//
//   node scripts/bench-experiment.mjs experiments/quickstart.yaml
//
// Prints cells per second, cases per second, index build time, wall time
// and peak RSS per phase. Needs `npm run build` (npm ci does it).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const [mode, ...rest] = process.argv.slice(2);

if (mode === "--phase") {
  await runPhase(...rest);
} else {
  runBoth(mode);
}

function runBoth(experiment) {
  if (experiment === undefined) {
    console.error("usage: node scripts/bench-experiment.mjs EXPERIMENT.yaml");
    process.exit(2);
  }
  const workDir = mkdtempSync(join(tmpdir(), "fmops-bench-"));
  try {
    console.log(`experiment: ${experiment}`);
    console.log(
      "phase  cells  cases  wall s  cells/s  cases/s  index builds  build s  reused  peak RSS MiB",
    );
    for (const phase of ["first", "cold", "warm"]) {
      if (phase === "cold") {
        rmSync(join(workDir, "cache", "indexes"), {
          recursive: true,
          force: true,
        });
      }
      const output = execFileSync(
        process.execPath,
        [fileURLToPath(import.meta.url), "--phase", phase, experiment, workDir],
        { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
      );
      printRow(phase, JSON.parse(output));
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

function printRow(phase, figures) {
  const cells = [
    phase.padEnd(5),
    String(figures.cellCount).padStart(5),
    String(figures.caseCount).padStart(6),
    (figures.wallMs / 1000).toFixed(2).padStart(7),
    (figures.cellCount / (figures.wallMs / 1000)).toFixed(2).padStart(8),
    (figures.caseCount / (figures.wallMs / 1000)).toFixed(0).padStart(8),
    String(figures.indexesBuilt).padStart(13),
    (figures.indexBuildMs / 1000).toFixed(2).padStart(8),
    String(figures.indexesReused).padStart(7),
    (figures.peakRssKb / 1024).toFixed(0).padStart(13),
  ];
  console.log(cells.join(" "));
}

async function runPhase(phase, experiment, workDir) {
  const { runCli } = await import("../dist/cli/main.js");
  let stdout = "";
  const io = {
    stdout: { write: (text) => (stdout += text) },
    stderr: { write: () => {} },
    env: {
      ...process.env,
      FMOPS_DB: join(workDir, `${phase}.db`),
      FMOPS_CACHE_DIR: join(workDir, "cache"),
    },
    cwd: process.cwd(),
  };
  const startMs = performance.now();
  const exitCode = await runCli(["bench", experiment, "--json"], io);
  const wallMs = performance.now() - startMs;
  if (exitCode !== 0) {
    console.error(`fmops bench exited ${exitCode}`);
    process.exit(exitCode);
  }
  const { run } = JSON.parse(stdout);
  process.stdout.write(
    JSON.stringify({
      wallMs,
      cellCount: run.summary.cellCount,
      caseCount: run.summary.caseCount,
      indexesBuilt: run.summary.indexesBuilt,
      indexesReused: run.summary.indexesReused,
      indexBuildMs: run.summary.indexBuildMs,
      peakRssKb: process.resourceUsage().maxRSS,
    }),
  );
}
