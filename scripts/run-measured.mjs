#!/usr/bin/env node
// Runs one fmops command in this process and prints, as JSON on stdout,
// its exit code, wall time, peak RSS and what it printed. Benchmark
// scripts start it as a child so each measurement has a process of its own.
//
//   node scripts/run-measured.mjs bench experiments/quickstart.yaml --json
import { processIo } from "../dist/cli/cli-io.js";
import { runCli } from "../dist/cli/main.js";

let stdout = "";
let stderr = "";
const io = {
  ...processIo(),
  stdout: { write: (text) => (stdout += text) },
  stderr: { write: (text) => (stderr += text) },
};
const startMs = performance.now();
const exitCode = await runCli(process.argv.slice(2), io);
const wallMs = performance.now() - startMs;
process.stdout.write(
  JSON.stringify({
    exitCode,
    wallMs,
    peakRssKb: process.resourceUsage().maxRSS,
    stdout,
    stderr,
  }),
);
