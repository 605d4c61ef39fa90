import { z } from "zod";
import { storedGatesSchema } from "../gates/read-run-gates.js";
import {
  RUN_EXPORT_FORMAT,
  RUN_EXPORT_FORMAT_VERSION,
  type RunExport,
} from "../report/export/run-export.js";
import type { CellParams } from "../spec/experiment.js";
import type { CellSummary } from "../spec/records.js";
import { isLabelName, LABEL_NAME_HELP } from "../store/labels.js";

// Messages say what is expected; the reader adds the path and the value.
const text = z.string("a string");
const optionalText = z.string("a string or null").nullable();
const count = z.number("a whole number ≥ 0").int().nonnegative();
const milliseconds = z.number("a number of milliseconds ≥ 0").nonnegative();
const costUsd = z.number("a cost in USD, or null").nullable();
const scoreMap = z.record(text, z.number("a score or null").nullable());

const summarySchema = z.object(
  {
    cellCount: count,
    caseCount: count,
    errorCount: count,
    commonErrors: z.array(z.object({ message: text, count }), "a list"),
    indexesBuilt: count,
    indexesReused: count,
    indexBuildMs: milliseconds,
    durationMs: milliseconds,
    costUsd,
  },
  "a mapping",
);

const runSchema = z.object(
  {
    id: text.min(1, "a non-empty run id"),
    experimentName: text,
    experimentPath: text,
    // Gates are read back by `fmops gate`; the rest is kept as it came,
    // key order included.
    config: z
      .record(text, z.unknown(), "the run's configuration, a mapping")
      .superRefine((config, context) => {
        if (config.gates === undefined) return;
        const gates = storedGatesSchema.safeParse(config.gates);
        for (const issue of gates.error?.issues ?? []) {
          context.addIssue({
            code: "custom",
            message: issue.message,
            path: ["gates", ...issue.path],
            input: issue.input,
          });
        }
      }),
    configHash: text,
    datasetHash: text,
    gitCommit: optionalText,
    fmopsVersion: text,
    startedAt: text,
    endedAt: optionalText,
    status: z.enum(
      ["running", "completed", "failed", "interrupted", "stopped"],
      "one of running, completed, failed, interrupted, stopped",
    ),
    statusReason: optionalText,
    warnings: z.array(text, "a list of strings"),
    summary: summarySchema.nullable(),
  },
  "a mapping",
);

// Parameters and summaries are written by fmops and stored as JSON; their
// outline is checked, and the rest is kept as it came.
const paramsSchema = z.looseObject(
  {
    chunking: z.looseObject({}, "a mapping"),
    embedder: optionalText,
    topK: count,
    retrieval: text,
    model: z.looseObject({}, "a mapping or null").nullable(),
    prompt: z.looseObject({}, "a mapping or null").nullable(),
  },
  "a mapping",
);

const cellSummarySchema = z.looseObject(
  {
    cellKey: text,
    label: text,
    caseCount: count,
    errorCount: count,
    metrics: scoreMap,
    scoredCounts: z.record(text, count),
    intervals: z.record(
      text,
      z.object({ low: z.number(), high: z.number() }).nullable(),
    ),
    latencyMs: z.object({ p50: z.number(), p95: z.number(), p99: z.number() }),
    inputTokens: count,
    outputTokens: count,
    costUsd,
  },
  "a cell summary mapping, or null",
);

const cellSchema = z.object(
  {
    key: text.min(1, "a non-empty cell key"),
    label: text,
    params: paramsSchema,
    summary: cellSummarySchema.nullable(),
  },
  "a mapping",
);

const caseSchema = z.object(
  {
    cellKey: text,
    questionId: text,
    question: text,
    answer: optionalText,
    retrievedChunkIds: z.array(text, "a list of strings"),
    retrievedDocumentIds: z.array(text, "a list of strings"),
    retrievalLatencyMs: milliseconds,
    generationLatencyMs: milliseconds.nullable(),
    latencyMs: milliseconds,
    inputTokens: count,
    outputTokens: count,
    costUsd,
    error: optionalText,
    isCached: z.boolean("true or false"),
    scores: scoreMap,
    unscoredReasons: z.record(text, text).default({}),
    evaluationInputTokens: count.default(0),
    evaluationOutputTokens: count.default(0),
    evaluationCostUsd: costUsd.default(0),
  },
  "a mapping",
);

const callSchema = z.object(
  {
    cellKey: optionalText,
    questionId: optionalText,
    kind: z.enum(["chat", "embedding"], "chat or embedding"),
    provider: text,
    modelId: text,
    startedAt: text,
    latencyMs: milliseconds,
    timeToFirstTokenMs: milliseconds.nullable(),
    inputTokens: count,
    outputTokens: count,
    costUsd,
    status: z.enum(["ok", "error"], "ok or error"),
    errorMessage: optionalText,
    errorClass: optionalText,
    attempt: count.min(1, "a try number ≥ 1"),
    purpose: z
      .enum(["system", "evaluation"], "system or evaluation")
      .default("system"),
  },
  "a mapping",
);

/** What `fmops import` accepts as a JSON export. */
export const runExportSchema = z
  .object(
    {
      format: z.literal(RUN_EXPORT_FORMAT, `"${RUN_EXPORT_FORMAT}"`),
      formatVersion: z.literal(
        RUN_EXPORT_FORMAT_VERSION,
        `${RUN_EXPORT_FORMAT_VERSION} (the only version this fmops reads)`,
      ),
      run: runSchema,
      cells: z.array(cellSchema, "a list of cells"),
      cases: z.array(caseSchema, "a list of cases"),
      calls: z.array(callSchema, "a list of calls"),
      labels: z
        .array(
          text.refine(
            isLabelName,
            `a label name: ${LABEL_NAME_HELP}, other than "latest"`,
          ),
          "a list of label names",
        )
        .default([]),
    },
    "a mapping",
  )
  .superRefine(checkCellReferences)
  .transform(
    (parsed): RunExport => ({
      ...parsed,
      cells: parsed.cells.map((cell) => ({
        ...cell,
        // The outline above is checked; the full shape is what fmops wrote.
        params: cell.params as unknown as CellParams,
        summary: cell.summary as unknown as CellSummary | null,
      })),
    }),
  );

/** What the cross-checks read of an export whose fields are valid. */
interface ExportReferences {
  cells: Array<{ key: string }>;
  cases: Array<{ cellKey: string; questionId: string }>;
  calls: Array<{ cellKey: string | null }>;
}

/**
 * Cells are named once, every case and call belongs to a listed cell, and
 * a cell answers each question once: a store could not hold anything else,
 * and importing it would change the run's figures without a word.
 */
function checkCellReferences(
  exported: ExportReferences,
  context: z.core.$RefinementCtx,
): void {
  const refuse = (path: PropertyKey[], message: string) =>
    context.addIssue({ code: "custom", message, path, input: undefined });
  const cellKeys = new Set<string>();
  exported.cells.forEach((cell, index) => {
    if (cellKeys.has(cell.key)) {
      refuse(["cells", index, "key"], "a cell key not listed before");
    }
    cellKeys.add(cell.key);
  });
  const unknownCell = "the key of a cell listed under cells";
  const answered = new Set<string>();
  exported.cases.forEach((record, index) => {
    if (!cellKeys.has(record.cellKey)) {
      refuse(["cases", index, "cellKey"], unknownCell);
    }
    const key = JSON.stringify([record.cellKey, record.questionId]);
    if (answered.has(key)) {
      refuse(
        ["cases", index, "questionId"],
        "a question this cell has no case for yet",
      );
    }
    answered.add(key);
  });
  exported.calls.forEach((call, index) => {
    if (call.cellKey !== null && !cellKeys.has(call.cellKey)) {
      refuse(["calls", index, "cellKey"], `null or ${unknownCell}`);
    }
  });
}
