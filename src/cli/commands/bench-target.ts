import { resolve } from "node:path";
import { resolveRun } from "../../baseline/resolve-baseline.js";
import { loadExperiment } from "../../config/load-experiment.js";
import { FmopsError } from "../../errors/fmops-error.js";
import type { ResolvedExperiment } from "../../spec/experiment.js";
import type { RunRecord } from "../../spec/records.js";
import type { ResultsStore } from "../../store/results-store.js";
import type { CliIo } from "../cli-io.js";
import type { BenchFlags } from "./bench-command.js";
import { applySelectionFlags } from "./selection-flags.js";

/** What `fmops bench` runs: an experiment, and the run it continues. */
export interface BenchTarget {
  experiment: ResolvedExperiment;
  /** Absent for a new run. */
  resume?: RunRecord;
}

/**
 * A new run: the experiment file with the flags' cell filters, sample,
 * repeats and budget applied; the selection is kept in the experiment,
 * which the run records as its configuration.
 */
export async function newBenchTarget(
  file: string,
  flags: BenchFlags,
  io: CliIo,
): Promise<BenchTarget> {
  const experiment = applySelectionFlags(
    await loadExperiment(resolve(io.cwd, file)),
    flags,
  );
  return { experiment: withRunFlags(experiment, flags) };
}

/**
 * A recorded run to continue, on the configuration it recorded. A file
 * given beside `--resume` must still resolve to that configuration, so an
 * edit is never mistaken for part of the run.
 */
export async function resumedBenchTarget(
  file: string | undefined,
  flags: BenchFlags,
  io: CliIo,
  store: ResultsStore,
): Promise<BenchTarget> {
  assertNoSelectionFlags(flags);
  const run = resolveRun(store, flags.resume ?? "");
  if (file !== undefined) {
    const current = await loadExperiment(resolve(io.cwd, file));
    assertSameConfig(run, current, file);
  }
  const recorded = JSON.parse(run.configJson) as ResolvedExperiment;
  // Runs recorded before budgets existed have no limit.
  recorded.maxCostUsd ??= null;
  return { experiment: withRunFlags(recorded, flags), resume: run };
}

/**
 * Flags that may change from one session of a run to the next. They are
 * recorded with the run, so a resumed run keeps them unless given again:
 * a run started with `--no-cache` never mixes in cached answers.
 */
function withRunFlags(
  experiment: ResolvedExperiment,
  flags: BenchFlags,
): ResolvedExperiment {
  return {
    ...experiment,
    concurrency: flags.concurrency ?? experiment.concurrency,
    maxCostUsd: flags.maxCost ?? experiment.maxCostUsd,
    isCacheEnabled: flags.cache === false ? false : experiment.isCacheEnabled,
  };
}

function assertNoSelectionFlags(flags: BenchFlags): void {
  const given = (
    [
      ["--sample", flags.sample],
      ["--seed", flags.seed],
      ["--repeat", flags.repeat],
      ["--filter", flags.filter],
    ] as const
  ).filter(([, value]) => value !== undefined);
  if (given.length === 0) return;
  throw new FmopsError(
    "USAGE",
    `${given.map(([name]) => name).join(", ")} cannot change a resumed run: ` +
      "it runs the cases it selected when it started",
  );
}

function assertSameConfig(
  run: RunRecord,
  current: ResolvedExperiment,
  file: string,
): void {
  if (current.configHash === run.configHash) return;
  throw new FmopsError(
    "USAGE",
    `Cannot resume run ${run.id} with ${file}: the file changed since the ` +
      `run started (config ${run.configHash.slice(0, 12)}, now ` +
      `${current.configHash.slice(0, 12)}). Resume without the file to ` +
      "finish the run as recorded, or start a new run",
  );
}
