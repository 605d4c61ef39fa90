import { FmopsError } from "../errors/fmops-error.js";
import type { Cell, CellParams } from "../spec/experiment.js";

/** What a `--filter KEY=VALUE` can test, and the values a cell offers. */
const FILTER_KEYS: Record<string, (params: CellParams) => string[]> = {
  "chunking.strategy": ({ chunking }) => [chunking.strategy],
  "chunking.size": ({ chunking }) => optional(chunking.size),
  "chunking.overlap": ({ chunking }) => optional(chunking.overlap),
  "chunking.unit": ({ chunking }) => [chunking.unit],
  embedder: ({ embedder }) =>
    embedder === null ? ["none"] : [embedder, withoutProvider(embedder)],
  top_k: ({ topK }) => [String(topK)],
  retrieval: ({ retrieval }) => [retrieval],
  model: ({ model }) => (model === null ? [] : [model.alias, model.model]),
  prompt: ({ prompt }) => (prompt === null ? [] : [prompt.id]),
};

interface CellFilter {
  key: string;
  values: string[];
}

/**
 * The cells every filter admits. Filters on one key admit a cell that
 * matches any of their values; filters on different keys must all admit
 * it. `model` matches an alias or a model id, `embedder` an id with or
 * without its provider (`bm25`).
 *
 * @throws FmopsError (`USAGE`) for a malformed expression, an unknown key,
 *   a value no cell has (a typo would otherwise pass unseen beside a
 *   value that matches), or filters that leave no cell.
 */
export function filterCells(
  cells: readonly Cell[],
  expressions: readonly string[],
): Cell[] {
  const filters = groupFilters(expressions.map(parseFilter));
  for (const filter of filters) assertValuesExist(cells, filter);
  const kept = cells.filter((cell) =>
    filters.every((filter) => admits(filter, cell.params)),
  );
  if (kept.length === 0) throw noCellError(cells, expressions, filters);
  return kept;
}

function assertValuesExist(cells: readonly Cell[], filter: CellFilter): void {
  const offered = new Set(
    cells.flatMap((cell) => valuesOf(filter.key, cell.params)),
  );
  const unknown = filter.values.find((value) => !offered.has(value));
  if (unknown === undefined) return;
  throw new FmopsError(
    "USAGE",
    `--filter ${filter.key}=${unknown}: no cell has ${filter.key} ` +
      `"${unknown}"; the cells have ${describeValues(cells, filter.key)}`,
  );
}

function parseFilter(expression: string): { key: string; value: string } {
  const separator = expression.indexOf("=");
  const key = expression.slice(0, separator).trim();
  const value = expression.slice(separator + 1).trim();
  if (separator <= 0 || value === "") {
    throw new FmopsError(
      "USAGE",
      `--filter: expected KEY=VALUE such as model=mini, got "${expression}"`,
    );
  }
  if (!(key in FILTER_KEYS)) {
    throw new FmopsError(
      "USAGE",
      `--filter ${expression}: unknown key "${key}"; expected one of ` +
        Object.keys(FILTER_KEYS).join(", "),
    );
  }
  return { key, value };
}

function groupFilters(
  parsed: Array<{ key: string; value: string }>,
): CellFilter[] {
  const byKey = new Map<string, string[]>();
  for (const { key, value } of parsed) {
    byKey.set(key, [...(byKey.get(key) ?? []), value]);
  }
  return [...byKey].map(([key, values]) => ({ key, values }));
}

function admits(filter: CellFilter, params: CellParams): boolean {
  const offered = valuesOf(filter.key, params);
  return filter.values.some((value) => offered.includes(value));
}

function noCellError(
  cells: readonly Cell[],
  expressions: readonly string[],
  filters: CellFilter[],
): FmopsError {
  const choices = filters.map(
    ({ key }) => `${key}: ${describeValues(cells, key)}`,
  );
  return new FmopsError(
    "USAGE",
    `--filter ${expressions.join(" ")}: no cell matches; the cells have ` +
      choices.join("; "),
  );
}

/** The values the cells have for `key`, each cell's main one, once each. */
function describeValues(cells: readonly Cell[], key: string): string {
  const values = new Set(cells.map((cell) => valuesOf(key, cell.params)[0]));
  return [...values].join(", ");
}

function valuesOf(key: string, params: CellParams): string[] {
  return FILTER_KEYS[key]?.(params) ?? [];
}

function optional(value: number | undefined): string[] {
  return value === undefined ? [] : [String(value)];
}

function withoutProvider(id: string): string {
  return id.slice(id.indexOf(":") + 1);
}
