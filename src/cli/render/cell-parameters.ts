import { describeChunking } from "../../engine/index-key.js";
import type { CellParams } from "../../spec/experiment.js";

/** The axes as the leaderboard and the CSV export name them, in matrix order. */
export const AXES = [
  "chunking",
  "embedder",
  "retrieval",
  "top_k",
  "model",
  "prompt",
] as const;

export type AxisName = (typeof AXES)[number];

/** Each axis's value for a cell, written as a user would write it. */
export function describeParameters(
  params: CellParams,
): Record<AxisName, string> {
  return {
    chunking: describeChunking(params.chunking),
    embedder: params.embedder ?? "–",
    retrieval: params.retrieval,
    top_k: String(params.topK),
    model: params.model?.alias ?? "–",
    prompt: params.prompt?.id ?? "–",
  };
}

/**
 * Splits the axes into those whose value differs between cells (worth a
 * column) and those every cell shares (worth one line above the table).
 */
export function splitAxes(cells: CellParams[]): {
  varying: AxisName[];
  fixed: Array<[AxisName, string]>;
} {
  const described = cells.map(describeParameters);
  const varying: AxisName[] = [];
  const fixed: Array<[AxisName, string]> = [];
  for (const axis of AXES) {
    const values = new Set(described.map((entry) => entry[axis]));
    const [only] = values;
    if (values.size === 1 && only !== undefined) fixed.push([axis, only]);
    else varying.push(axis);
  }
  return { varying, fixed };
}
