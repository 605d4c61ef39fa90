#!/usr/bin/env node
// Measures how long `fmops --help` and `fmops --version` take to start and
// exit, as a user waits for them: a fresh `node bin/fmops …` process per
// run, median of N runs after one warm-up. Node's own start-up (an empty
// script) is measured the same way, so the figure fmops adds is visible.
//
//   node scripts/bench-startup.mjs [RUNS]     (default 15)
//
// Needs `npm run build` (npm ci does it). Target: under 300 ms for --help.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const TARGET_MS = 300;
const binPath = fileURLToPath(new URL("../bin/fmops", import.meta.url));
const runs = Number(process.argv[2] ?? 15);

if (!Number.isInteger(runs) || runs < 1) {
  console.error("usage: node scripts/bench-startup.mjs [RUNS]");
  process.exit(2);
}

const cases = [
  ["node (empty script)", ["-e", ""]],
  ["fmops --help", [binPath, "--help"]],
  ["fmops --version", [binPath, "--version"]],
];

console.log(`start-up, median of ${runs} runs (after 1 warm-up)`);
for (const [name, args] of cases) {
  const timesMs = measure(args, runs);
  const median = medianOf(timesMs);
  const verdict = name === "fmops --help" ? verdictOf(median) : "";
  console.log(
    `${name.padEnd(22)} median ${median.toFixed(0).padStart(4)} ms` +
      `  min ${Math.min(...timesMs)
        .toFixed(0)
        .padStart(4)} ms` +
      `  max ${Math.max(...timesMs)
        .toFixed(0)
        .padStart(4)} ms${verdict}`,
  );
}

function measure(args, count) {
  run(args);
  return Array.from({ length: count }, () => run(args));
}

function run(args) {
  const startMs = performance.now();
  execFileSync(process.execPath, args, { stdio: "ignore" });
  return performance.now() - startMs;
}

function medianOf(values) {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
}

function verdictOf(medianMs) {
  return medianMs < TARGET_MS
    ? `  (target < ${TARGET_MS} ms: met)`
    : `  (target < ${TARGET_MS} ms: NOT met)`;
}
