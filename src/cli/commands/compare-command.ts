import { Command } from "commander";
import type { CliIo } from "../cli-io.js";

interface CompareFlags {
  db?: string;
  json?: boolean;
}

export function compareCommand(io: CliIo) {
  return new Command("compare")
    .description(
      "compare two runs, or two cells, question by question, and mark the differences that are more than noise",
    )
    .argument(
      "<a>",
      "run (id, prefix, label or `latest`), optionally `RUN:CELL` with a cell key prefix",
    )
    .argument("<b>", "the run or cell to compare with A")
    .option("--db <path>", "results database (env FMOPS_DB)")
    .option("--json", "print the comparisons as JSON")
    .addHelpText(
      "after",
      `
Cells with the same key in both runs are compared pairwise; runs with no
cell in common are compared through their best cells (by the first metric).
Each metric gets the mean difference B − A over the questions both scored,
its 95% paired bootstrap interval and a paired permutation p-value; * marks
p < 0.05.

Examples:
  $ fmops compare 20261203-171205 latest
  $ fmops compare latest:3f2a latest:9c1e     # two cells of one run
  $ fmops compare main-baseline latest --json`,
    )
    .action(async (a: string, b: string, flags: CompareFlags) => {
      const { compare } = await import("./compare-action.js");
      compare(a, b, flags, io);
    });
}
