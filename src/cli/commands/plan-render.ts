import Table from "cli-table3";
import type {
  CallEstimate,
  ExperimentPlan,
  PlannedCell,
  PlannedIndex,
} from "../../planning/experiment-plan.js";
import { formatUsd } from "../render/format-values.js";

const TABLE_STYLE = { head: [], border: [], compact: true };

/** The plan as text: stages, cells, calls with tokens and cost, notes. */
export function renderPlan(plan: ExperimentPlan): string {
  return [
    `plan ${plan.experimentName}: ${plan.cellCount} cells × ` +
      `${plan.questionCount} questions = ${formatCount(plan.caseCount)} cases`,
    renderIndexes(plan.indexes),
    renderCells(plan.cells),
    renderCalls(plan),
    renderReplyLengths(plan),
    ...plan.notes.map((note) => `note: ${note}`),
  ]
    .filter((part) => part !== "")
    .join("\n\n")
    .concat("\n");
}

function renderIndexes(indexes: readonly PlannedIndex[]): string {
  if (indexes.length === 0) return "";
  const table = new Table({
    head: ["index", "stage", "chunks", "tokens to embed"],
    style: TABLE_STYLE,
  });
  for (const index of indexes) {
    table.push([
      index.description,
      index.isCached ? "cached" : "build",
      formatCount(index.chunkCount),
      index.embeddingTokens === 0 ? "–" : formatCount(index.embeddingTokens),
    ]);
  }
  return `Indexes\n${table.toString()}`;
}

function renderCells(cells: readonly PlannedCell[]): string {
  const table = new Table({
    head: ["cell", "cases", "calls", "cached", "prompt tokens", "prompts"],
    style: TABLE_STYLE,
  });
  for (const cell of cells) {
    table.push([
      cell.label,
      formatCount(cell.caseCount),
      formatCount(cell.generationCalls),
      cell.cachedResponses === null ? "?" : formatCount(cell.cachedResponses),
      formatCount(cell.inputTokens),
      cell.promptSource,
    ]);
  }
  return `Cells (generation)\n${table.toString()}`;
}

function renderCalls(plan: ExperimentPlan): string {
  const table = new Table({
    head: [
      "model",
      "kind",
      "for",
      "calls",
      "cached",
      "input tokens",
      "output tokens",
      "cost",
    ],
    style: TABLE_STYLE,
  });
  for (const estimate of plan.calls) table.push(callRow(estimate));
  const { totals } = plan;
  table.push([
    "total",
    "",
    "",
    formatCount(totals.calls),
    formatCount(totals.cachedCalls),
    formatCount(totals.inputTokens),
    formatCount(totals.outputTokens),
    formatUsd(totals.costUsd),
  ]);
  return `Calls (estimated)\n${table.toString()}`;
}

function callRow(estimate: CallEstimate): string[] {
  return [
    `${estimate.provider}:${estimate.modelId}`,
    estimate.kind,
    estimate.purpose === "system" ? "run" : "scoring",
    formatCount(estimate.calls),
    formatCount(estimate.cachedCalls),
    formatCount(estimate.inputTokens),
    formatCount(estimate.outputTokens),
    formatUsd(estimate.costUsd),
  ];
}

function renderReplyLengths(plan: ExperimentPlan): string {
  if (plan.outputTokens.length === 0) return "";
  const lines = plan.outputTokens.map(
    (estimate) =>
      `  ${estimate.model}: ${estimate.tokensPerCall} tokens (${estimate.source})`,
  );
  return `Reply length per call\n${lines.join("\n")}`;
}

function formatCount(value: number): string {
  return Math.round(value).toLocaleString("en-US");
}
