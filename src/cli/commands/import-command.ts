import { Command } from "commander";
import type { CliIo } from "../cli-io.js";

export function importCommand(io: CliIo) {
  return new Command("import")
    .description(
      "copy runs from another results file, or re-create a run from a JSON export",
    )
    .argument(
      "<file>",
      "a results database (.db) or a `fmops report --format json` export",
    )
    .option("--db <path>", "results database to import into (env FMOPS_DB)")
    .addHelpText(
      "after",
      `
Every run of FILE is copied with its cells, cases, scores, calls and
labels; runs already in the database are skipped, so importing twice is
harmless. A label an imported run brings is attached to it, moved from the
run it named before. FILE itself is never written.

Examples:
  $ fmops import baseline/fmops.db            # e.g. main's results, from a CI artifact
  $ fmops import run.json --db results/team.db`,
    )
    .action(async (file: string, flags: { db?: string }) => {
      const { importFile } = await import("./import-action.js");
      await importFile(file, flags, io);
    });
}
