#!/usr/bin/env node
// Throughput and memory of whole `fmops bench` processes against the fake
// server (started in a process of its own, as a remote server would be):
//   1. 100 ms latency, concurrency 50: calls per second against the ideal
//      50 / 0.1 s = 500, over 5,000 calls (a 10-second run, long enough to
//      show the sustained rate) and over its first 2,000 calls alone, where
//      the first wave of cold calls weighs more;
//   2. 0 ms latency, 2,000 cases × 2 models: calls per second;
//   3. 0 ms latency, 20,000 cases: wall time, peak RSS, database bytes per case;
//   4. for scale, the openai SDK alone streaming the same calls to the same
//      server with no fmops around it, through the same node:http fetch
//      fmops gives it: the ceiling this machine allows.
// Each fake server first answers 2,000 calls from this script, so that it
// is as warm as a provider's servers are when a run starts.
// Needs `npm run build` (npm ci does it). With `--keep` the experiments,
// datasets and databases stay in the work folder it names, for profiling
// one scenario again: start `fmops fake-server` on the port its experiment
// names, then e.g. `node --cpu-prof scripts/run-measured.mjs bench …`.
import { execFileSync, spawn } from "node:child_process";
import {
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";

const fmops = fileURLToPath(new URL("../bin/fmops", import.meta.url));
const runner = fileURLToPath(new URL("./run-measured.mjs", import.meta.url));
const workDir = mkdtempSync(join(tmpdir(), "fmops-bench-providers-"));
const isKept = process.argv.includes("--keep");
/** How many of a run's first calls the early rate is taken over. */
const FIRST_CALLS = 2_000;
/** Calls that warm each fake server up before fmops is measured on it. */
const WARM_UP_CALLS = 2_000;

try {
  writeCorpus();
  await scenario(
    "100 ms latency, concurrency 50",
    { latencyMs: 100, cases: 5_000, models: 1, concurrency: 50 },
    (figures) =>
      `${figures.callsPerSecond.toFixed(0)} calls/s = ${(figures.callsPerSecond / 500).toFixed(3)} of the ideal 500; ` +
      `first 2,000 calls ${(figures.firstCallsPerSecond / 500).toFixed(3)} of it`,
  );
  await scenario(
    "0 ms latency, 2,000 cases × 2 models",
    { latencyMs: 0, cases: 2_000, models: 2, concurrency: 50 },
    (figures) => `${figures.callsPerSecond.toFixed(0)} calls/s`,
  );
  await scenario(
    "0 ms latency, 20,000 cases",
    { latencyMs: 0, cases: 20_000, models: 1, concurrency: 50 },
    (figures) =>
      `${figures.callsPerSecond.toFixed(0)} calls/s, database ${(figures.databaseBytes / figures.caseCount).toFixed(0)} bytes per case`,
  );
  await sdkCeiling();
} finally {
  if (isKept) console.log(`kept ${workDir}`);
  else rmSync(workDir, { recursive: true, force: true });
}

/** The openai SDK by itself: 4,000 streamed calls, 50 at a time. */
async function sdkCeiling() {
  const server = await startServer(0);
  try {
    await streamCalls(server.url, WARM_UP_CALLS);
    const total = 4_000;
    const startMs = performance.now();
    await streamCalls(server.url, total);
    const seconds = (performance.now() - startMs) / 1000;
    console.log("openai SDK alone, 0 ms latency, 50 concurrent streams");
    console.log(`  ${(total / seconds).toFixed(0)} calls/s`);
  } finally {
    server.child.kill();
  }
}

/**
 * `total` streamed chat calls to the fake server through the openai SDK
 * and the same node:http fetch fmops gives it, 50 at a time.
 */
async function streamCalls(url, total) {
  const { default: OpenAI } = await import("openai");
  const { nodeHttpFetch } = await import(
    "../dist/providers/openai/node-http-fetch.js"
  );
  const client = new OpenAI({
    apiKey: "fake",
    baseURL: `${url}/v1`,
    maxRetries: 0,
    fetch: nodeHttpFetch,
  });
  let next = 0;
  const worker = async () => {
    while (next < total) {
      next += 1;
      const stream = await client.chat.completions.create({
        model: "gpt-4o-mini",
        messages: [
          { role: "user", content: `How many days of leave, case ${next}?` },
        ],
        max_completion_tokens: 16,
        stream: true,
        stream_options: { include_usage: true },
      });
      for await (const _chunk of stream) {
        // Read the stream to its end, as a chat model does.
      }
    }
  };
  await Promise.all(Array.from({ length: 50 }, worker));
}

async function scenario(title, settings, describe) {
  const server = await startServer(settings.latencyMs);
  try {
    // A provider's servers are warm when a run starts; a fake server
    // started a moment ago is not, and its first seconds of compiling
    // would be counted against fmops.
    await streamCalls(server.url, WARM_UP_CALLS);
    const name = `s${settings.latencyMs}-${settings.cases}-${settings.models}`;
    writeQuestions(name, settings.cases);
    const experiment = writeExperiment(name, server.url, settings);
    const figures = measure(name, experiment);
    console.log(`${title}`);
    console.log(
      `  wall ${(figures.wallMs / 1000).toFixed(2)} s, ${figures.calls} calls, ` +
        `peak RSS ${(figures.peakRssKb / 1024).toFixed(0)} MiB; ${describe(figures)}`,
    );
  } finally {
    server.child.kill();
  }
}

function measure(name, experiment) {
  const databasePath = join(workDir, `${name}.db`);
  const output = execFileSync(
    process.execPath,
    [runner, "bench", experiment, "--json", "--no-cache"],
    {
      encoding: "utf8",
      maxBuffer: 1 << 30,
      env: {
        ...process.env,
        OPENAI_API_KEY: "fake",
        FMOPS_DB: databasePath,
        FMOPS_CACHE_DIR: join(workDir, "cache"),
      },
    },
  );
  const result = JSON.parse(output);
  if (result.exitCode !== 0)
    throw new Error(`fmops bench exited ${result.exitCode}: ${result.stderr}`);
  const { run } = JSON.parse(result.stdout);
  const database = new Database(databasePath, { readonly: true });
  const all = callWindow(database, run.id, -1);
  const first = callWindow(database, run.id, FIRST_CALLS);
  database.close();
  return {
    wallMs: result.wallMs,
    peakRssKb: result.peakRssKb,
    calls: all.calls,
    callsPerSecond: all.calls / all.seconds,
    firstCallsPerSecond: first.calls / first.seconds,
    caseCount: run.summary.caseCount,
    databaseBytes: fileBytes(databasePath) + fileBytes(`${databasePath}-wal`),
  };
}

/**
 * The run's first `limit` provider calls (all with -1) and the seconds from
 * the first one's start to the last one's end.
 */
function callWindow(database, runId, limit) {
  const window = database
    .prepare(
      `SELECT count(*) AS calls, max(start + latency_ms / 86400000.0) - min(start) AS days
       FROM (SELECT julianday(started_at) AS start, latency_ms FROM calls
             WHERE run_id = ? AND provider = 'openai' ORDER BY start LIMIT ?)`,
    )
    .get(runId, limit);
  return { calls: window.calls, seconds: window.days * 86_400 };
}

function startServer(latencyMs) {
  const child = spawn(
    process.execPath,
    [fmops, "fake-server", "--port", "0", "--latency-ms", String(latencyMs)],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  return new Promise((resolve, reject) => {
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (text) => {
      const match = /listening on (\S+)/.exec(text);
      if (match) resolve({ child, url: match[1] });
    });
    child.on("exit", (code) => reject(new Error(`fake server exited ${code}`)));
  });
}

function writeCorpus() {
  mkdirSync(join(workDir, "docs"));
  writeFileSync(
    join(workDir, "docs", "leave.md"),
    "# Leave\n\nEmployees get 25 days of leave a year.\n",
  );
}

function writeQuestions(name, count) {
  const lines = [];
  for (let index = 0; index < count; index += 1) {
    lines.push(
      JSON.stringify({
        id: `q${index}`,
        question: `How many days of leave, case ${index}?`,
        answers: ["25 days"],
        relevant: ["leave"],
      }),
    );
  }
  writeFileSync(join(workDir, `${name}.jsonl`), `${lines.join("\n")}\n`);
}

function writeExperiment(name, url, settings) {
  const aliases = ["mini", "nano"].slice(0, settings.models);
  const models = aliases
    .map(
      (alias, index) =>
        `  ${alias}: { provider: openai, model: ${index === 0 ? "gpt-4o-mini" : "gpt-4.1-nano"}, base_url: ${url}/v1, max_output_tokens: 16 }`,
    )
    .join("\n");
  const path = join(workDir, `${name}.yaml`);
  // `limits` holds the calls in flight to the provider, which its models
  // share, at the concurrency measured; twice as many cases in flight keep
  // those slots busy while finished cases are scored and recorded.
  writeFileSync(
    path,
    `name: ${name}
dataset: { corpus: docs, questions: ${name}.jsonl }
models:
${models}
matrix:
  chunking: { strategy: none }
  embedder: local:bm25
  top_k: 1
  model: [${aliases.join(", ")}]
limits:
  openai: { concurrency: ${settings.concurrency} }
evaluators: [contains]
concurrency: ${settings.concurrency * 2}
`,
  );
  return path;
}

function fileBytes(path) {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
