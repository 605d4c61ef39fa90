import { formatDuration, formatUsd } from "../../cli/render/format-values.js";
import type { DatasetSpec } from "../../spec/experiment.js";
import type { RunRecord } from "../../spec/records.js";
import { countOf } from "../../util/count-of.js";
import type {
  Inline,
  ReportBlock,
  RichText,
} from "../document/report-block.js";

/** The title and the facts that say what the run was and how it went. */
export function headerSection(
  run: RunRecord,
  baseline: RunRecord | null,
): ReportBlock[] {
  const summary = run.summary;
  const facts: RichText[] = [
    ["Run ", { code: run.id }, ` · ${describeStatus(run)}`],
    `Started ${run.startedAt}${run.endedAt === null ? "" : ` · ended ${run.endedAt}`}`,
    ...datasetFacts(run),
    ["Commit ", commitText(run.gitCommit), ` · fmops ${run.fmopsVersion}`],
  ];
  if (summary !== null) {
    facts.push(
      `${countOf(summary.cellCount, "cell")} · ${countOf(summary.caseCount, "case")} · ` +
        `${summary.errorCount} errors · total cost ${formatUsd(summary.costUsd)}`,
    );
  }
  if (baseline !== null) {
    facts.push([
      "Baseline: run ",
      { code: baseline.id },
      ` (${baseline.experimentName}, started ${baseline.startedAt})`,
    ]);
  }
  return [
    { kind: "heading", level: 1, text: `fmops report: ${run.experimentName}` },
    { kind: "list", items: facts },
  ];
}

/** A run's title, for the HTML page. */
export function reportTitle(run: RunRecord): string {
  return `fmops report: ${run.experimentName} (${run.id})`;
}

function describeStatus(run: RunRecord): string {
  const took =
    run.summary === null ? "" : ` in ${formatDuration(run.summary.durationMs)}`;
  const reason = run.statusReason === null ? "" : ` (${run.statusReason})`;
  return `${run.status}${took}${reason}`;
}

function datasetFacts(run: RunRecord): RichText[] {
  const dataset = readDataset(run.configJson);
  const hash: Inline[] = [
    "Dataset hash ",
    { code: run.datasetHash.slice(0, 16) },
  ];
  if (dataset === null) return [hash];
  return [
    [
      "Dataset: corpus ",
      { code: dataset.corpusPath },
      ", questions ",
      { code: dataset.questionsPath },
    ],
    hash,
  ];
}

function commitText(gitCommit: string | null): Inline {
  return gitCommit === null ? "unknown" : { code: gitCommit.slice(0, 12) };
}

/** The dataset paths of the stored configuration, when it has them. */
function readDataset(
  configJson: string,
): Pick<DatasetSpec, "corpusPath" | "questionsPath"> | null {
  const config = JSON.parse(configJson) as {
    dataset?: Partial<DatasetSpec>;
  };
  const { corpusPath, questionsPath } = config.dataset ?? {};
  return typeof corpusPath === "string" && typeof questionsPath === "string"
    ? { corpusPath, questionsPath }
    : null;
}
