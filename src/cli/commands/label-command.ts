import { Command } from "commander";
import type { CliIo } from "../cli-io.js";

/** Flags of `fmops label`. */
export interface LabelFlags {
  db?: string;
  list?: boolean;
  delete?: string;
  json?: boolean;
}

export function labelCommand(io: CliIo) {
  return new Command("label")
    .description(
      "name a run (`main`, `release-1.2`) so baselines can refer to it",
    )
    .argument("[run]", "run id, unique id prefix, label, or `latest`")
    .argument("[name]", "the label; moved if it already names another run")
    .option("--db <path>", "results database (env FMOPS_DB)")
    .option("--list", "list every label")
    .option("--delete <name>", "remove a label (the run stays)")
    .option("--json", "with --list, print the labels as JSON")
    .addHelpText(
      "after",
      `
A label names one run at a time. It starts with a letter, then letters,
digits, '.', '_', '/' or '-'. Wherever a run is asked for a baseline
(\`fmops gate --baseline main\`), its label may stand for it.

Examples:
  $ fmops label latest main
  $ fmops label 20261203-171205 release-1.2
  $ fmops label --list
  $ fmops label --delete release-1.2`,
    )
    .action(
      async (
        run: string | undefined,
        name: string | undefined,
        flags: LabelFlags,
      ) => {
        const { label } = await import("./label-action.js");
        label(run, name, flags, io);
      },
    );
}
