import type { ChunkingSpec } from "../spec/chunk.js";
import type { Cell, CellParams } from "../spec/experiment.js";
import { countOf } from "../util/count-of.js";
import { defaultPrompt } from "./builtin-prompts.js";
import { cellKey, cellLabel } from "./cell-key.js";
import type {
  CellOverride,
  CellPattern,
  MatrixAxes,
  MatrixRules,
} from "./matrix-axes.js";

/** The cells of an experiment and what was adjusted to get them. */
export interface MatrixExpansion {
  /** Product order first, then included cells; no two share a key. */
  cells: Cell[];
  warnings: string[];
}

/** A cell on its way through expansion, with where it came from. */
interface CandidateCell {
  params: CellParams;
  /** `matrix`, or `include[N]` for included cells. */
  origin: string;
  /** True when a bm25 cell had its (unused) embedder set to null. */
  hasDroppedEmbedder: boolean;
}

const NO_RULES: MatrixRules = { exclude: [], include: [] };

/**
 * Expands the matrix into cells: the cartesian product of the axes, minus
 * cells matching an exclude rule, plus included cells, each normalised and
 * then kept once per key.
 */
export function expandMatrix(
  axes: MatrixAxes,
  rules: MatrixRules = NO_RULES,
): MatrixExpansion {
  const warnings: string[] = [];

  const kept = excludeCells(cartesianProduct(axes), rules.exclude, warnings);
  const included = rules.include.map((override, index) =>
    normaliseCell(withFirstValues(axes, override), `include[${index}]`),
  );
  const candidates = [
    ...kept.map((params) => normaliseCell(params, "matrix")),
    ...included,
  ];

  const cells = keepFirstPerKey(candidates, warnings);
  warnAboutSelfFusion(cells, warnings);
  return { cells, warnings };
}

/** Every combination of axis values, the first axis varying slowest. */
function cartesianProduct(axes: MatrixAxes): CellParams[] {
  return axes.chunking.flatMap((chunking) =>
    axes.embedder.flatMap((embedder) =>
      axes.topK.flatMap((topK) =>
        axes.retrieval.flatMap((retrieval) =>
          axes.model.flatMap((model) =>
            axes.prompt.map((prompt) => ({
              chunking,
              embedder,
              topK,
              retrieval,
              model,
              prompt,
            })),
          ),
        ),
      ),
    ),
  );
}

/**
 * Rules see cells as the user wrote them, before bm25 cells lose their
 * embedder, so `{ embedder: local:bm25 }` matches bm25 cells too.
 */
function excludeCells(
  cells: CellParams[],
  rules: CellPattern[],
  warnings: string[],
): CellParams[] {
  rules.forEach((rule, index) => {
    if (!cells.some((cell) => matchesPattern(cell, rule))) {
      warnings.push(
        `exclude[${index}] ${describePattern(rule)} matches no cell of the ` +
          "matrix; check its values for a typo",
      );
    }
  });
  return cells.filter((cell) => !rules.some((r) => matchesPattern(cell, r)));
}

/** True when the cell has every value the pattern gives. */
function matchesPattern(cell: CellParams, pattern: CellPattern): boolean {
  return (
    matchesChunking(cell.chunking, pattern.chunking) &&
    isUnsetOrEqual(pattern.embedder, cell.embedder) &&
    isUnsetOrEqual(pattern.topK, cell.topK) &&
    isUnsetOrEqual(pattern.retrieval, cell.retrieval) &&
    isUnsetOrEqual(pattern.model, cell.model?.alias) &&
    isUnsetOrEqual(pattern.prompt, cell.prompt?.id)
  );
}

function matchesChunking(
  chunking: ChunkingSpec,
  pattern: Partial<ChunkingSpec> | undefined,
): boolean {
  if (pattern === undefined) return true;
  return (
    isUnsetOrEqual(pattern.strategy, chunking.strategy) &&
    isUnsetOrEqual(pattern.size, chunking.size) &&
    isUnsetOrEqual(pattern.overlap, chunking.overlap) &&
    isUnsetOrEqual(pattern.unit, chunking.unit)
  );
}

function isUnsetOrEqual<Value>(expected: Value | undefined, actual: unknown) {
  return expected === undefined || expected === actual;
}

/** The rule as the user wrote it, e.g. `{ embedder: local:bm25, top_k: 5 }`. */
function describePattern(pattern: CellPattern): string {
  const { chunking } = pattern;
  return describeFields({
    chunking: chunking === undefined ? undefined : describeFields(chunking),
    embedder: pattern.embedder,
    top_k: pattern.topK,
    retrieval: pattern.retrieval,
    model: pattern.model,
    prompt: pattern.prompt,
  });
}

function describeFields(fields: object): string {
  const written = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `${name}: ${String(value)}`);
  return `{ ${written.join(", ")} }`;
}

function withFirstValues(axes: MatrixAxes, override: CellOverride): CellParams {
  return {
    chunking: override.chunking ?? axes.chunking[0],
    embedder:
      override.embedder === undefined ? axes.embedder[0] : override.embedder,
    topK: override.topK ?? axes.topK[0],
    retrieval: override.retrieval ?? axes.retrieval[0],
    model: override.model === undefined ? axes.model[0] : override.model,
    prompt: override.prompt === undefined ? axes.prompt[0] : override.prompt,
  };
}

/**
 * Brings parameters that cannot differ in effect to one form: bm25 does
 * not use an embedder; a prompt means nothing without a model; a model
 * needs a prompt.
 */
function normaliseCell(params: CellParams, origin: string): CandidateCell {
  const hasDroppedEmbedder =
    params.retrieval === "bm25" && params.embedder !== null;
  const prompt =
    params.model === null ? null : (params.prompt ?? defaultPrompt());
  return {
    params: {
      ...params,
      embedder: params.retrieval === "bm25" ? null : params.embedder,
      prompt,
    },
    origin,
    hasDroppedEmbedder,
  };
}

function keepFirstPerKey(
  candidates: CandidateCell[],
  warnings: string[],
): Cell[] {
  const cells = new Map<string, Cell>();
  const repeats: CandidateCell[] = [];
  for (const candidate of candidates) {
    const key = cellKey(candidate.params);
    if (cells.has(key)) {
      repeats.push(candidate);
      continue;
    }
    cells.set(key, {
      key,
      label: cellLabel(candidate.params),
      params: candidate.params,
    });
  }
  warnings.push(...describeRepeats(repeats));
  return [...cells.values()];
}

function describeRepeats(repeats: CandidateCell[]): string[] {
  const warnings: string[] = [];
  const merged = repeats.filter((r) => r.origin === "matrix");
  const mergedBm25 = merged.filter((r) => r.hasDroppedEmbedder).length;
  const mergedOther = merged.length - mergedBm25;
  if (mergedBm25 > 0) {
    warnings.push(
      `merged ${countOf(mergedBm25, "bm25 cell")} that differed only by ` +
        "embedder: bm25 retrieval does not use an embedder",
    );
  }
  if (mergedOther > 0) {
    warnings.push(
      `dropped ${countOf(mergedOther, "repeated cell")} of the matrix ` +
        "(a value listed twice, or two aliases of one model)",
    );
  }
  for (const repeat of repeats.filter((r) => r.origin !== "matrix")) {
    warnings.push(
      `${repeat.origin} repeats the cell "${cellLabel(repeat.params)}", ` +
        "which runs once",
    );
  }
  return warnings;
}

function warnAboutSelfFusion(cells: Cell[], warnings: string[]): void {
  const selfFused = cells.filter(
    ({ params }) =>
      params.retrieval === "hybrid" && params.embedder === "local:bm25",
  ).length;
  if (selfFused === 0) return;
  warnings.push(
    "retrieval hybrid with embedder local:bm25 fuses BM25 with itself; " +
      `kept ${countOf(selfFused, "such cell")}, which measure BM25 alone`,
  );
}
