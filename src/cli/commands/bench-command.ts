import { Command, Option } from "commander";
import type { CliIo } from "../cli-io.js";
import type { ExitCode } from "../exit-codes.js";
import { parsePositiveInteger, parsePositiveUsd } from "./parse-options.js";
import { addSelectionOptions, type SelectionFlags } from "./selection-flags.js";

/** Flags of `fmops bench`. */
export interface BenchFlags extends SelectionFlags {
  db?: string;
  cacheDir?: string;
  concurrency?: number;
  json?: boolean;
  quiet?: boolean;
  /** `--no-cache` sets it false. */
  cache: boolean;
  /** Overrides the file's `budget.max_cost_usd`. */
  maxCost?: number;
  /** A run to continue: id, unique prefix or `latest`. */
  resume?: string;
  /** Check the experiment's gates after the run. */
  gate?: boolean;
  /** `--no-live` sets it false: plain progress lines on a terminal too. */
  live: boolean;
  /** Same as `--no-live`. */
  plain?: boolean;
}

export function benchCommand(io: CliIo, setExitCode: (code: ExitCode) => void) {
  return addSelectionOptions(
    new Command("bench")
      .description("run an experiment matrix and store every result in SQLite")
      .argument("[file]", "experiment file (YAML); optional with --resume")
      .option("--db <path>", "results database (env FMOPS_DB)", undefined)
      .option(
        "--cache-dir <dir>",
        "index and model cache (env FMOPS_CACHE_DIR)",
      )
      .addOption(
        new Option(
          "-c, --concurrency <n>",
          "cases in flight at once",
        ).argParser(parsePositiveInteger),
      )
      .option("--no-cache", "ask providers again, even for identical calls")
      .addOption(
        new Option(
          "--max-cost <usd>",
          "stop admitting provider calls before spending this much",
        ).argParser(parsePositiveUsd),
      )
      .option(
        "--resume <run>",
        "continue an interrupted, stopped, failed or crashed run",
      ),
  )
    .option(
      "--gate",
      "check the file's gates after the run; exit 1 when one fails",
    )
    .option("--json", "print the run and its cells as JSON on stdout")
    .option("-q, --quiet", "no progress lines on stderr")
    .option("--no-live", "plain progress lines instead of the live view")
    .option("--plain", "same as --no-live")
    .addHelpText(
      "after",
      `
Examples:
  $ fmops bench experiments/quickstart.yaml
  $ fmops bench experiments/quickstart.yaml --concurrency 2 --db /tmp/runs.db
  $ fmops bench experiments/beir-scifact.yaml --json > scifact.json
  $ fmops bench experiments/providers.yaml --max-cost 2.50
  $ fmops bench --resume latest               finish the last run
  $ fmops bench --resume 20261203 --max-cost 5 go on with a larger budget
  $ fmops bench experiments/quickstart.yaml --sample 20 --seed 7
  $ fmops bench experiments/providers.yaml --filter model=gpt-mini --filter top_k=3
  $ fmops bench experiments/providers.yaml --repeat 5 --sample 10
  $ fmops bench experiments/my-ci.yaml --gate    fail the CI job on a gate
  $ fmops bench experiments/quickstart.yaml --plain 2> progress.log

On a terminal, progress is a live view on stderr; piped, in CI (CI set) or
with --plain, it is a plain line every few seconds. NO_COLOR turns colour
off.

Filter keys: chunking.strategy, chunking.size, chunking.overlap,
chunking.unit, embedder, top_k, retrieval, model, prompt.

Exit codes: 0 completed, 2 invalid experiment, dataset or flags, 3 run
failed, 4 stopped by the budget, 130 interrupted (Ctrl-C once: cases in
flight finish; twice: exit at once). Runs ended by 3, 4 or 130, or killed,
keep what they recorded and continue with --resume. With --gate, a
completed run exits 0 when its gates pass, 1 when one fails, 3 when no
case succeeded.`,
    )
    .action(async (file: string | undefined, flags: BenchFlags) => {
      // Loaded on use, so `fmops --help` does not pay for the engine.
      const { bench } = await import("./bench-action.js");
      setExitCode(await bench(file, flags, io));
    });
}
