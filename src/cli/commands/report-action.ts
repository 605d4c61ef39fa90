import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import { basename, dirname, join, parse, resolve } from "node:path";
import {
  resolveBaseline,
  resolveRun,
} from "../../baseline/resolve-baseline.js";
import { FmopsError } from "../../errors/fmops-error.js";
import { buildReport, type Report } from "../../report/build-report.js";
import { renderHtml } from "../../report/document/render-html.js";
import { renderMarkdown } from "../../report/document/render-markdown.js";
import { renderCsvTable } from "../../report/export/csv-export.js";
import { CSV_TABLES } from "../../report/export/csv-tables.js";
import { toRunExport } from "../../report/export/run-export.js";
import type { ParetoChart } from "../../report/pareto-charts.js";
import { loadRunResults, type RunResults } from "../../report/run-results.js";
import type { RunRecord } from "../../spec/records.js";
import { openResultsStore } from "../../store/open-results-store.js";
import { readRecordedRun } from "../../store/recorded-run.js";
import type { ResultsStore } from "../../store/results-store.js";
import type { CliIo } from "../cli-io.js";
import { formatJson } from "../render/run-json.js";
import { runMetricNames } from "../render/run-metric-names.js";
import { resolveDbPath } from "../resolve-locations.js";
import type { ReportFlags } from "./report-command.js";

/** A file the command writes, and what goes in it. */
interface OutputFile {
  path: string;
  content: string;
}

/** Runs `fmops report RUN`. */
export async function report(
  reference: string,
  flags: ReportFlags,
  io: CliIo,
): Promise<void> {
  assertFlagsFit(flags);
  const store = openResultsStore(resolveDbPath(flags.db, io));
  try {
    const run = resolveRun(store, reference);
    const outPath = flags.out === undefined ? null : resolve(io.cwd, flags.out);
    if (flags.format === "json" || flags.format === "csv") {
      emit(exportFiles(store, run, flags, outPath), outPath, io);
      return;
    }
    const results = loadRunResults(store, run);
    const baseline =
      flags.baseline === undefined
        ? null
        : loadRunResults(store, resolveBaseline(store, flags.baseline, run));
    emit(reportFiles(results, baseline, flags.format, outPath), outPath, io);
    if (flags.format === "md") appendStepSummary(results, baseline, io);
  } finally {
    store.close();
  }
}

function assertFlagsFit(flags: ReportFlags): void {
  const isExport = flags.format === "json" || flags.format === "csv";
  if (isExport && flags.baseline !== undefined) {
    throw new FmopsError(
      "USAGE",
      `--baseline compares runs in md and html reports; --format ${flags.format} exports one run`,
    );
  }
  if (flags.table !== undefined && flags.format !== "csv") {
    throw new FmopsError(
      "USAGE",
      `--table chooses a CSV table; it needs --format csv, got --format ${flags.format}`,
    );
  }
}

/** The markdown or HTML report, and beside markdown its charts. */
function reportFiles(
  results: RunResults,
  baseline: RunResults | null,
  format: "md" | "html",
  outPath: string | null,
): OutputFile[] {
  if (format === "html") {
    const built = buildReport(results, baseline, { kind: "inline" });
    return [
      { path: outPath ?? "", content: renderHtml(built.title, built.blocks) },
    ];
  }
  if (outPath === null) {
    const built = buildReport(results, baseline, {
      kind: "omitted",
      note: "Charts are written beside the report with --out FILE, or inside it with --format html.",
    });
    return [{ path: "", content: renderMarkdown(built.blocks) }];
  }
  const chartPath = (chart: ParetoChart) =>
    siblingPath(outPath, `-pareto-${chart.id}.svg`);
  const built = buildReport(results, baseline, {
    kind: "linked",
    fileOf: (chart) => basename(chartPath(chart)),
  });
  return [
    { path: outPath, content: renderMarkdown(built.blocks) },
    ...chartFiles(built, chartPath),
  ];
}

function chartFiles(
  built: Report,
  chartPath: (chart: ParetoChart) => string,
): OutputFile[] {
  return built.charts.flatMap((chart) =>
    chart.svg === null ? [] : [{ path: chartPath(chart), content: chart.svg }],
  );
}

/** The JSON export, or the CSV tables. */
function exportFiles(
  store: ResultsStore,
  run: RunRecord,
  flags: ReportFlags,
  outPath: string | null,
): OutputFile[] {
  const recorded = readRecordedRun(store, run);
  if (flags.format === "json") {
    return [
      { path: outPath ?? "", content: formatJson(toRunExport(recorded)) },
    ];
  }
  const metricNames = runMetricNames(run);
  if (outPath === null) {
    const table = flags.table ?? "cases";
    return [
      { path: "", content: renderCsvTable(table, recorded, metricNames) },
    ];
  }
  const tables = flags.table === undefined ? CSV_TABLES : [flags.table];
  return tables.map((table) => ({
    path: siblingPath(outPath, `-${table}.csv`),
    content: renderCsvTable(table, recorded, metricNames),
  }));
}

/** Writes each file, or the one output to stdout when there is no --out. */
function emit(files: OutputFile[], outPath: string | null, io: CliIo): void {
  if (outPath === null) {
    for (const file of files) io.stdout.write(file.content);
    return;
  }
  for (const file of files) {
    try {
      mkdirSync(dirname(file.path), { recursive: true });
      writeFileSync(file.path, file.content);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new FmopsError("USAGE", `cannot write ${file.path}: ${reason}`, {
        cause: error,
      });
    }
    io.stdout.write(`wrote ${file.path}\n`);
  }
}

/**
 * In a GitHub Actions job, the report goes into the job's summary page
 * too. Chart files cannot be shown there, so the summary says so instead.
 */
function appendStepSummary(
  results: RunResults,
  baseline: RunResults | null,
  io: CliIo,
): void {
  const summaryPath = io.env.GITHUB_STEP_SUMMARY;
  if (summaryPath === undefined || summaryPath === "") return;
  const built = buildReport(results, baseline, {
    kind: "omitted",
    note: "Charts are not shown in the job summary; they are in the report files the job keeps.",
  });
  try {
    appendFileSync(summaryPath, renderMarkdown(built.blocks));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    io.stderr.write(
      `warning: could not append the report to GITHUB_STEP_SUMMARY (${summaryPath}): ${reason}\n`,
    );
  }
}

/** `reports/run.md` with `-cases.csv` → `reports/run-cases.csv`. */
function siblingPath(path: string, suffix: string): string {
  const { dir, name } = parse(path);
  return join(dir, `${name}${suffix}`);
}
