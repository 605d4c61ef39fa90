import { Command, Option } from "commander";
import type { FakeFault } from "../../fake-server/fake-server-options.js";
import type { CliIo } from "../cli-io.js";
import {
  parseListOf,
  parsePositiveInteger,
  parseShare,
  parseWholeNumber,
} from "./parse-options.js";

interface FakeServerFlags {
  host: string;
  port: number;
  latencyMs: number;
  outputTokens: number;
  faultRate: number;
  faults: FakeFault[];
  retryAfterSeconds: number;
  seed: number;
}

const FAULT_KINDS: readonly FakeFault[] = [
  "429",
  "500",
  "timeout",
  "malformed",
];

export function fakeServerCommand(io: CliIo) {
  return new Command("fake-server")
    .description(
      "serve the OpenAI and Bedrock wire protocols locally, with set latency and faults",
    )
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .addOption(
      new Option("--port <n>", "port; 0 picks a free one")
        .argParser(parseWholeNumber)
        .default(8787),
    )
    .addOption(
      new Option(
        "--latency-ms <n>",
        "time from each request's arrival to its answer's first byte",
      )
        .argParser(parseWholeNumber)
        .default(0),
    )
    .addOption(
      new Option("--output-tokens <n>", "tokens per chat answer")
        .argParser(parsePositiveInteger)
        .default(16),
    )
    .addOption(
      new Option("--fault-rate <share>", "share of requests that fail, 0 to 1")
        .argParser(parseShare)
        .default(0),
    )
    .addOption(
      new Option(
        "--faults <kinds>",
        `faults to draw from: ${FAULT_KINDS.join(", ")}`,
      )
        .argParser(parseListOf(FAULT_KINDS))
        .default(["429", "500"], "429,500"),
    )
    .addOption(
      new Option("--retry-after-seconds <n>", "Retry-After of injected 429s")
        .argParser(parseWholeNumber)
        .default(1),
    )
    .addOption(
      new Option("--seed <n>", "seed of the fault draws")
        .argParser(parseWholeNumber)
        .default(1),
    )
    .addHelpText(
      "after",
      `
Endpoints: POST /v1/chat/completions (JSON and SSE), POST /v1/embeddings
(float and base64), POST /model/{id}/converse, /converse-stream, /invoke.

Examples:
  $ fmops fake-server --port 8787 --latency-ms 100
  $ fmops fake-server --fault-rate 0.2 --faults 429,500,timeout
  # then, in an experiment: base_url: http://127.0.0.1:8787/v1`,
    )
    .action(async (flags: FakeServerFlags) => {
      const { startFakeServer } = await import(
        "../../fake-server/start-fake-server.js"
      );
      const server = await startFakeServer(flags);
      io.stdout.write(
        `fake server listening on ${server.url} (OpenAI base URL ${server.url}/v1)\n`,
      );
      await waitForInterrupt(io);
      await server.close();
      io.stdout.write(
        `served ${server.stats.requests} requests, ${server.stats.faults} with faults\n`,
      );
    });
}

/** Serves until Ctrl-C; without a terminal to stop it, until killed. */
function waitForInterrupt(io: CliIo): Promise<void> {
  return new Promise((resolve) => {
    const stopListening = io.onInterrupt?.(() => {
      stopListening?.();
      resolve();
    });
  });
}
