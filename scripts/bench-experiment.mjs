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

const runner = fileURLToPath(new URL("./run-measured.mjs", import.meta.url));

runPhases(process.argv[2]);

function runPhases(experiment) {
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
      printRow(phase, measure(experiment, workDir, phase));
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

function measure(experiment, workDir, phase) {
  const output = execFileSync(
    process.execPath,
    [runner, "bench", experiment, "--json"],
    {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      env: {
        ...process.env,
        FMOPS_DB: join(workDir, `${phase}.db`),
        FMOPS_CACHE_DIR: join(workDir, "cache"),
      },
    },
  );
  const result = JSON.parse(output);
  if (result.exitCode !== 0) {
    console.error(result.stderr);
    throw new Error(`fmops bench exited ${result.exitCode}`);
  }
  const { run } = JSON.parse(result.stdout);
  return {
    wallMs: result.wallMs,
    cellCount: run.summary.cellCount,
    caseCount: run.summary.caseCount,
    indexesBuilt: run.summary.indexesBuilt,
    indexesReused: run.summary.indexesReused,
    indexBuildMs: run.summary.indexBuildMs,
    peakRssKb: result.peakRssKb,
  };
}
