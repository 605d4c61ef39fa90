import type { Command } from "commander";
import { Option } from "commander";
import { filterCells } from "../../config/filter-cells.js";
import { FmopsError } from "../../errors/fmops-error.js";
import type { ResolvedExperiment } from "../../spec/experiment.js";
import {
  collectValues,
  parsePositiveInteger,
  parseWholeNumber,
} from "./parse-options.js";

/** The flags that choose which cases a run asks: `bench` and `plan` share them. */
export interface SelectionFlags {
  sample?: number;
  seed?: number;
  repeat?: number;
  filter?: string[];
}

/** Seed of `--sample` when `--seed` is not given. */
const DEFAULT_SAMPLE_SEED = 1;

/** Adds `--sample`, `--seed`, `--repeat` and `--filter` to a command. */
export function addSelectionOptions(command: Command): Command {
  return command
    .addOption(
      new Option(
        "--sample <n>",
        "ask n questions drawn at random (seeded)",
      ).argParser(parsePositiveInteger),
    )
    .addOption(
      new Option("--seed <s>", "seed of --sample (default 1)").argParser(
        parseWholeNumber,
      ),
    )
    .addOption(
      new Option("--repeat <n>", "run each case n times").argParser(
        parsePositiveInteger,
      ),
    )
    .option(
      "--filter <key=value>",
      "only cells with this parameter (repeatable)",
      collectValues,
    );
}

/**
 * The experiment narrowed to the flags' cells, with the flags' sample and
 * repeats kept in it, as a run records them.
 *
 * @throws FmopsError (`USAGE`) for `--seed` without `--sample` or a bad
 *   filter.
 */
export function applySelectionFlags(
  experiment: ResolvedExperiment,
  flags: SelectionFlags,
): ResolvedExperiment {
  if (flags.seed !== undefined && flags.sample === undefined) {
    throw new FmopsError(
      "USAGE",
      "--seed picks the questions of --sample; give --sample N with it",
    );
  }
  const filters = flags.filter ?? [];
  return {
    ...experiment,
    cells: filterCells(experiment.cells, filters),
    selection: {
      sampleSize: flags.sample ?? null,
      seed: flags.seed ?? DEFAULT_SAMPLE_SEED,
      repeat: flags.repeat ?? 1,
      filters,
    },
  };
}
