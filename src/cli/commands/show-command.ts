import { Command } from "commander";
import type { CliIo } from "../cli-io.js";

/** Flags of `fmops show`. */
export interface ShowFlags {
  db?: string;
  json?: boolean;
}

export function showCommand(io: CliIo) {
  return new Command("show")
    .description("print one run: its header and its leaderboard")
    .argument("<run>", "run id, unique id prefix, label, or `latest`")
    .option("--db <path>", "results database (env FMOPS_DB)")
    .option("--json", "print the run and its cells as JSON")
    .addHelpText(
      "after",
      `
Examples:
  $ fmops show latest
  $ fmops show main                 # the run labelled main
  $ fmops show 20261203-171205 --json`,
    )
    .action(async (reference: string, flags: ShowFlags) => {
      const { show } = await import("./show-action.js");
      show(reference, flags, io);
    });
}
