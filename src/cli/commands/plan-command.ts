import { Command } from "commander";
import type { CliIo } from "../cli-io.js";
import type { ExitCode } from "../exit-codes.js";
import { addSelectionOptions, type SelectionFlags } from "./selection-flags.js";

/** Flags of `fmops plan`. */
export interface PlanFlags extends SelectionFlags {
  db?: string;
  cacheDir?: string;
  json?: boolean;
  /** `--no-cache` sets it false. */
  cache: boolean;
}

export function planCommand(io: CliIo, setExitCode: (code: ExitCode) => void) {
  return addSelectionOptions(
    new Command("plan")
      .description(
        "show the cells, stages, calls, tokens and cost a run would have, calling no model",
      )
      .argument("<file>", "experiment file (YAML)")
      .option("--db <path>", "results database to read caches and history from")
      .option(
        "--cache-dir <dir>",
        "index cache to look in (env FMOPS_CACHE_DIR)",
      )
      .option("--no-cache", "plan as if the response cache were off"),
  )
    .option("--json", "print the plan as JSON")
    .addHelpText(
      "after",
      `
Examples:
  $ fmops plan experiments/providers.yaml
  $ fmops plan experiments/rag-sweep.yaml --json | jq .totals.costUsd
  $ fmops plan experiments/quickstart.yaml --no-cache
  $ fmops plan experiments/providers.yaml --sample 20 --filter model=gpt-mini

--sample, --seed, --repeat and --filter choose cases as they do for bench.

Exit codes: 0 planned, 2 invalid experiment or dataset.`,
    )
    .action(async (file: string, flags: PlanFlags) => {
      // Loaded on use, so `fmops --help` does not pay for the planner.
      const { plan } = await import("./plan-action.js");
      setExitCode(await plan(file, flags, io));
    });
}
