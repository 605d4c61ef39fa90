import { Command, Option } from "commander";
import type { CliIo } from "../cli-io.js";
import type { ExitCode } from "../exit-codes.js";
import {
  collectMetric,
  collectMetricBound,
  collectMetricDrop,
  type GateFlags,
} from "./gate-flags.js";

/** Flags of `fmops gate`. */
export interface GateCommandFlags extends GateFlags {
  db?: string;
  baseline?: string;
  json?: boolean;
}

export function gateCommand(io: CliIo, setExitCode: (code: ExitCode) => void) {
  return new Command("gate")
    .description(
      "check a run against its gates and exit 0 (pass), 1 (a gate failed), " +
        "2 (usage) or 3 (the run failed)",
    )
    .argument("<run>", "run id, unique id prefix, label, or `latest`")
    .option("--db <path>", "results database (env FMOPS_DB)")
    .addOption(
      new Option("--min <metric=value>", "fail when the metric is below value")
        .argParser(collectMetricBound)
        .default([]),
    )
    .addOption(
      new Option("--max <metric=value>", "fail when the metric is above value")
        .argParser(collectMetricBound)
        .default([]),
    )
    .addOption(
      new Option(
        "--max-drop <metric=value>",
        "fail when the metric worsens by more than value against the baseline",
      )
        .argParser(collectMetricDrop)
        .default([]),
    )
    .addOption(
      new Option(
        "--significant-drop <metric>",
        "fail when a paired test says the score fell against the baseline",
      )
        .argParser(collectMetric)
        .default([]),
    )
    .option(
      "--cell <cell>",
      "cells the flag gates check: best, all, or a cell key prefix or label",
      "best",
    )
    .option(
      "--baseline <run>",
      "run the regression rules compare with: id, label or `latest` " +
        "(default: the latest finished run of the same experiment that started before it)",
    )
    .option("--json", "print the checks as JSON")
    .addHelpText(
      "after",
      `
Flags add gates to those under \`gates:\` in the run's experiment file;
--cell applies to the flag gates only. Metrics: the run's evaluators, and
cost_usd, latency_p50_ms, latency_p95_ms, latency_p99_ms, error_rate.
A metric with no value in a gated cell fails its gate.

Examples:
  $ fmops gate latest
  $ fmops gate latest --min token_f1=0.6 --max cost_usd=2
  $ fmops gate latest --cell all --max latency_p95_ms=2500
  $ fmops gate latest --baseline main --max-drop token_f1=0.02
  $ fmops gate latest --baseline main --significant-drop token_f1 --json

Exit codes: 0 every gate passed, 1 a gate failed, 2 bad flag, unknown
metric or baseline, 3 the run failed, was interrupted, or scored nothing.`,
    )
    .action(async (reference: string, flags: GateCommandFlags) => {
      const { gate } = await import("./gate-action.js");
      setExitCode(gate(reference, flags, io));
    });
}
