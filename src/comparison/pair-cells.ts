/**
 * Cells with the same key in both runs, in the order of `cellsA`: each is
 * compared with the same configuration in the other run.
 */
export function pairCellsByKey<Cell>(
  cellsA: readonly Cell[],
  cellsB: readonly Cell[],
  keyOf: (cell: Cell) => string,
): Array<[Cell, Cell]> {
  const cellsByKeyB = new Map(cellsB.map((cell) => [keyOf(cell), cell]));
  return cellsA.flatMap((cell): Array<[Cell, Cell]> => {
    const match = cellsByKeyB.get(keyOf(cell));
    return match === undefined ? [] : [[cell, match]];
  });
}
