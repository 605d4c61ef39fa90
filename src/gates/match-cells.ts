/** The part of a cell a gate's `cell:` can name. */
export interface NamedCell {
  key: string;
  label: string;
}

/**
 * The cells `reference` names: those whose label it is, or else those
 * whose key starts with it. One match is what a caller wants; the others
 * let it say what went wrong.
 */
export function matchCells<Cell extends NamedCell>(
  cells: readonly Cell[],
  reference: string,
): Cell[] {
  const byLabel = cells.filter((cell) => cell.label === reference);
  if (byLabel.length > 0) return byLabel;
  return cells.filter((cell) => cell.key.startsWith(reference));
}

/** Why a cell reference does not name exactly one cell, in words. */
export function describeCellMismatch(
  reference: string,
  matchCount: number,
): string {
  return matchCount === 0
    ? `"${reference}", which names no cell`
    : `"${reference}", which names ${matchCount} cells`;
}
