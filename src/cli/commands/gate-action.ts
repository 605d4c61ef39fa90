import {
  findLatestBaseline,
  resolveBaseline,
  resolveRun,
} from "../../baseline/resolve-baseline.js";
import { FmopsError } from "../../errors/fmops-error.js";
import { checkGates, type GateBaseline } from "../../gates/check-gates.js";
import { type GateCheck, gateVerdict } from "../../gates/gate-check.js";
import { gateMetricNames, isRunFigure } from "../../gates/gate-metrics.js";
import type { GatedRun } from "../../gates/gated-run.js";
import { readRunGates } from "../../gates/read-run-gates.js";
import { runFailure } from "../../gates/run-failure.js";
import type { GateSpec } from "../../spec/experiment.js";
import type { RunRecord } from "../../spec/records.js";
import { openResultsStore } from "../../store/open-results-store.js";
import type { ResultsStore } from "../../store/results-store.js";
import type { CliIo } from "../cli-io.js";
import { EXIT_CODES, type ExitCode } from "../exit-codes.js";
import { rankCells } from "../render/render-leaderboard.js";
import { formatJson } from "../render/run-json.js";
import { runMetricNames } from "../render/run-metric-names.js";
import { resolveDbPath } from "../resolve-locations.js";
import { flagGates, type GateFlags } from "./gate-flags.js";
import { renderGateChecks } from "./gate-render.js";

/** How to check a run's gates. */
export interface GateOptions {
  /** Gates besides those of the run's experiment file. */
  extraGates: GateSpec[];
  /** Run the regression rules compare with; `latest` when absent. */
  baselineReference?: string;
  json?: boolean;
  /** Where the table or JSON goes. */
  output: { write(text: string): unknown };
}

/** What `fmops gate --json` prints. */
export interface GateReportJson {
  run: string;
  baseline: string | null;
  verdict: "pass" | "fail" | "run_failed";
  /** Why the run could not be gated, when the verdict is `run_failed`. */
  reason: string | null;
  checks: GateCheck[];
}

/** Runs `fmops gate RUN` and returns its exit code. */
export function gate(
  reference: string,
  flags: GateFlags & { db?: string; baseline?: string; json?: boolean },
  io: CliIo,
): ExitCode {
  const store = openResultsStore(resolveDbPath(flags.db, io));
  try {
    return checkRunGates(store, resolveRun(store, reference), io, {
      extraGates: flagGates(flags),
      baselineReference: flags.baseline,
      json: flags.json,
      output: io.stdout,
    });
  } finally {
    store.close();
  }
}

/**
 * Checks the run's gates and prints them: exit 0 when every check
 * passes, 1 when one fails, 3 when the run itself failed. Unknown metrics
 * and baselines are usage errors (exit 2), raised before anything prints.
 */
export function checkRunGates(
  store: ResultsStore,
  run: RunRecord,
  io: CliIo,
  options: GateOptions,
): ExitCode {
  const metricNames = runMetricNames(run);
  assertKnownMetrics(options.extraGates, metricNames, run);
  const gates = [...readRunGates(run), ...options.extraGates];
  assertHasGates(gates, `run ${run.id}`);
  const baseline = chooseBaseline(store, run, gates, options);

  const current = readGatedRun(store, run);
  const failure = runFailure(run, current.summaries);
  if (failure !== null) {
    reportRunFailure(run, failure, options, io);
    return EXIT_CODES.runFailed;
  }
  const checks = checkGates(gates, current, baseline);
  printChecks(run, baseline, checks, options);
  return gateVerdict(checks) === "pass" ? EXIT_CODES.ok : EXIT_CODES.gateFailed;
}

function assertKnownMetrics(
  gates: readonly GateSpec[],
  metricNames: readonly string[],
  run: RunRecord,
): void {
  const known = gateMetricNames(metricNames);
  for (const { metric, isSignificantDropFailing } of gates) {
    if (!known.includes(metric)) {
      throw new FmopsError(
        "USAGE",
        `gate metric "${metric}": expected one of the metrics of run ` +
          `${run.id}: ${known.join(", ")}`,
      );
    }
    if (isSignificantDropFailing && isRunFigure(metric)) {
      throw new FmopsError(
        "USAGE",
        `--significant-drop ${metric}: expected an evaluator score; ` +
          `for ${metric} use --max-drop`,
      );
    }
  }
}

/** `bench --gate` asks this before it runs anything. */
export function assertHasGates(
  gates: readonly GateSpec[],
  owner: string,
): void {
  if (gates.length > 0) return;
  throw new FmopsError(
    "USAGE",
    `${owner} has no gates: add \`gates:\` to the experiment file, ` +
      "or pass --min, --max or --max-drop to `fmops gate`",
  );
}

/**
 * `fmops bench --gate`: the file's gates, checked on the run just ended;
 * with `--json` the table goes to stderr, so stdout stays one document.
 */
export function gateAfterBench(
  store: ResultsStore,
  run: RunRecord,
  io: CliIo,
  flags: { json?: boolean },
): ExitCode {
  if (!flags.json) io.stdout.write("\n");
  return checkRunGates(store, run, io, {
    extraGates: [],
    output: flags.json ? io.stderr : io.stdout,
  });
}

/**
 * The named baseline, or else the latest finished run of the same
 * experiment when a gate has regression rules. A named baseline that
 * does not exist is a usage error; a missing latest one fails those rules.
 */
function chooseBaseline(
  store: ResultsStore,
  run: RunRecord,
  gates: readonly GateSpec[],
  options: GateOptions,
): GateBaseline {
  if (options.baselineReference !== undefined) {
    const baseline = resolveBaseline(store, options.baselineReference, run);
    return { run: readGatedRun(store, baseline) };
  }
  const hasRegressionRules = gates.some(
    (gate) => gate.maxDrop !== null || gate.isSignificantDropFailing,
  );
  const missing = {
    run: null,
    missingReason:
      `no baseline: no finished run of ${run.experimentName} started before it; ` +
      "pass --baseline",
  };
  const latest = hasRegressionRules ? findLatestBaseline(store, run) : null;
  if (latest === null) return missing;
  return { run: readGatedRun(store, latest) };
}

function readGatedRun(store: ResultsStore, run: RunRecord): GatedRun {
  const [firstMetric] = runMetricNames(run);
  const summaries = store.getCellSummaries(run.id);
  return {
    run,
    cells: store.getCells(run.id),
    summaries,
    bestCellKey: rankCells(summaries, firstMetric)[0]?.cellKey ?? null,
    casesOf: (cellKey) => store.getCases(run.id, cellKey),
  };
}

function reportRunFailure(
  run: RunRecord,
  reason: string,
  options: GateOptions,
  io: CliIo,
): void {
  if (options.json) {
    options.output.write(
      formatJson(toReportJson(run, null, "run_failed", reason, [])),
    );
  }
  io.stderr.write(`error: ${reason}; its gates were not checked\n`);
}

function printChecks(
  run: RunRecord,
  baseline: GateBaseline,
  checks: GateCheck[],
  options: GateOptions,
): void {
  const baselineRun = baseline.run?.run ?? null;
  if (options.json) {
    const verdict = gateVerdict(checks);
    options.output.write(
      formatJson(toReportJson(run, baselineRun, verdict, null, checks)),
    );
    return;
  }
  const against = baselineRun === null ? "" : ` against ${baselineRun.id}`;
  const heading = `Gates of run ${run.id} (${run.experimentName})${against}`;
  options.output.write(renderGateChecks(checks, heading));
}

function toReportJson(
  run: RunRecord,
  baseline: RunRecord | null,
  verdict: GateReportJson["verdict"],
  reason: string | null,
  checks: GateCheck[],
): GateReportJson {
  return {
    run: run.id,
    baseline: baseline?.id ?? null,
    verdict,
    reason,
    checks,
  };
}
