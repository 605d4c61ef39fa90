import { Command, Option } from "commander";
import type { CliIo } from "../cli-io.js";
import { parsePositiveInteger } from "./parse-options.js";

/** Flags of `fmops runs`. */
export interface RunsFlags {
  db?: string;
  limit: number;
  json?: boolean;
}

export function runsCommand(io: CliIo) {
  return new Command("runs")
    .description("list recorded runs, newest first")
    .option("--db <path>", "results database (env FMOPS_DB)")
    .addOption(
      new Option("-n, --limit <n>", "how many runs")
        .argParser(parsePositiveInteger)
        .default(20),
    )
    .option("--json", "print the runs as JSON")
    .addHelpText(
      "after",
      `
Examples:
  $ fmops runs
  $ fmops runs --limit 5 --json`,
    )
    .action(async (flags: RunsFlags) => {
      const { listRuns } = await import("./runs-action.js");
      listRuns(flags, io);
    });
}
