import { Command, Option } from "commander";
import { CSV_TABLES, type CsvTable } from "../../report/export/csv-tables.js";
import type { CliIo } from "../cli-io.js";

export const REPORT_FORMATS = ["md", "json", "csv", "html"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Flags of `fmops report`. */
export interface ReportFlags {
  baseline?: string;
  format: ReportFormat;
  out?: string;
  table?: CsvTable;
  db?: string;
}

export function reportCommand(io: CliIo) {
  return new Command("report")
    .description(
      "write a run's report (markdown, HTML) or export it (JSON, CSV), optionally against a baseline",
    )
    .argument("<run>", "run id, unique id prefix, label, or `latest`")
    .option(
      "--baseline <run>",
      "compare with this run: an id, a label, or `latest` (the previous run of the same experiment)",
    )
    .addOption(
      new Option("--format <format>", "what to write")
        .choices(REPORT_FORMATS)
        .default("md"),
    )
    .option(
      "--out <file>",
      "write to FILE instead of stdout; charts and CSV tables go beside it",
    )
    .addOption(
      new Option(
        "--table <table>",
        "with --format csv: only this table",
      ).choices(CSV_TABLES),
    )
    .option("--db <path>", "results database (env FMOPS_DB)")
    .addHelpText(
      "after",
      `
Markdown goes to stdout, or to --out FILE with its Pareto charts beside it
(report.md → report-pareto-cost.svg, report-pareto-latency.svg); --format
html puts the charts inside the page. When GITHUB_STEP_SUMMARY is set, the
markdown report is also appended to that file.
--format json writes the whole run (see the README for its shape); import
it elsewhere with \`fmops import\`. --format csv writes one row per case
(stdout, or FILE-cases.csv) and one row per cell (FILE-cells.csv).

Examples:
  $ fmops report latest > report.md
  $ fmops report latest --baseline main --out reports/report.md
  $ fmops report 20261203-171205 --format html --out report.html
  $ fmops report latest --format json --out run.json
  $ fmops report latest --format csv --out results.csv
  $ fmops report latest --format csv --table cells`,
    )
    .action(async (reference: string, flags: ReportFlags) => {
      const { report } = await import("./report-action.js");
      await report(reference, flags, io);
    });
}
