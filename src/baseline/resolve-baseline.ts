import { FmopsError } from "../errors/fmops-error.js";
import type { RunRecord } from "../spec/records.js";
import {
  latestRunReference,
  type ResultsStore,
} from "../store/results-store.js";

/**
 * The run a reference names: a label attached with `fmops label`, a run
 * id, a prefix only one id starts with, or `latest` (the run started
 * last). A prefix shared by several runs is a usage error that lists them.
 */
export function resolveRun(store: ResultsStore, reference: string): RunRecord {
  const wanted = reference.trim();
  const run = runOfLabel(store, wanted) ?? store.findRun(wanted);
  if (run !== null) return run;
  throw notFound(wanted);
}

/**
 * The run to compare `forRun` with. `latest` here means the newest
 * finished run of the same experiment that started before `forRun`,
 * completed runs first: a baseline that failed or was interrupted is taken
 * only when no completed one exists. Without `forRun`, any experiment's.
 * Any other reference is read as {@link resolveRun} reads it.
 */
export function resolveBaseline(
  store: ResultsStore,
  reference: string,
  forRun?: RunRecord,
): RunRecord {
  if (reference.trim() !== latestRunReference) {
    return resolveRun(store, reference);
  }
  const baseline = findLatestBaseline(store, forRun);
  if (baseline !== null) return baseline;
  const scope =
    forRun === undefined ? "" : ` of experiment "${forRun.experimentName}"`;
  const other = forRun === undefined ? "" : ` started before ${forRun.id}`;
  throw new FmopsError(
    "RUN_NOT_FOUND",
    `no finished run${scope}${other} to use as the latest baseline ` +
      "(see `fmops runs`)",
  );
}

/** The run `latest` names as a baseline for `forRun`, or `null`. */
export function findLatestBaseline(
  store: ResultsStore,
  forRun?: RunRecord,
): RunRecord | null {
  const candidates = store
    .listRuns()
    .filter(
      (run) =>
        run.status !== "running" &&
        (forRun === undefined ||
          (run.id !== forRun.id &&
            run.startedAt < forRun.startedAt &&
            run.experimentName === forRun.experimentName)),
    );
  return (
    candidates.find((run) => run.status === "completed") ??
    candidates[0] ??
    null
  );
}

function runOfLabel(store: ResultsStore, name: string): RunRecord | null {
  const label = store.labels.find(name);
  return label === null ? null : store.findRun(label.runId);
}

function notFound(reference: string): FmopsError {
  return new FmopsError(
    "RUN_NOT_FOUND",
    `no run or label matches "${reference}" (see \`fmops runs\` and ` +
      "`fmops label --list`)",
  );
}
