import { Command, Option } from "commander";
import type { CliIo } from "../cli-io.js";
import type { ExitCode } from "../exit-codes.js";
import { parsePositiveInteger } from "./parse-options.js";

/** Flags of `fmops bench`. */
export interface BenchFlags {
  db?: string;
  cacheDir?: string;
  concurrency?: number;
  json?: boolean;
  quiet?: boolean;
  /** `--no-cache` sets it false. */
  cache: boolean;
}

export function benchCommand(io: CliIo, setExitCode: (code: ExitCode) => void) {
  return new Command("bench")
    .description("run an experiment matrix and store every result in SQLite")
    .argument("<file>", "experiment file (YAML)")
    .option("--db <path>", "results database (env FMOPS_DB)", undefined)
    .option("--cache-dir <dir>", "index and model cache (env FMOPS_CACHE_DIR)")
    .addOption(
      new Option("-c, --concurrency <n>", "cases in flight at once").argParser(
        parsePositiveInteger,
      ),
    )
    .option("--no-cache", "ask providers again, even for identical calls")
    .option("--json", "print the run and its cells as JSON on stdout")
    .option("-q, --quiet", "no progress lines on stderr")
    .addHelpText(
      "after",
      `
Examples:
  $ fmops bench experiments/quickstart.yaml
  $ fmops bench experiments/quickstart.yaml --concurrency 2 --db /tmp/runs.db
  $ fmops bench experiments/beir-scifact.yaml --json > scifact.json

Exit codes: 0 completed, 2 invalid experiment or dataset, 3 run failed,
130 interrupted (Ctrl-C; everything recorded so far is kept).`,
    )
    .action(async (file: string, flags: BenchFlags) => {
      // Loaded on use, so `fmops --help` does not pay for the engine.
      const { bench } = await import("./bench-action.js");
      setExitCode(await bench(file, flags, io));
    });
}
