/** One axis of a Pareto comparison. */
export interface ParetoObjective<Item> {
  /** The item's value on this axis; `null` when it has none. */
  value: (item: Item) => number | null;
  /** Whether larger (`max`) or smaller (`min`) values are better. */
  goal: "max" | "min";
}

/**
 * The items that no other item dominates. An item dominates another when
 * it is at least as good on every objective and strictly better on at
 * least one; items with equal values on every objective are all kept.
 *
 * Items missing a value (null or NaN) on any objective cannot be placed,
 * so they are left out. The result keeps the input order.
 */
export function paretoFront<Item>(
  items: readonly Item[],
  objectives: ReadonlyArray<ParetoObjective<Item>>,
): Item[] {
  const placed = items.flatMap((item) => {
    const merits = meritsOf(item, objectives);
    return merits === null ? [] : [{ item, merits }];
  });
  return placed
    .filter(
      (candidate) =>
        !placed.some((other) => dominates(other.merits, candidate.merits)),
    )
    .map((candidate) => candidate.item);
}

/**
 * The item's values turned so that larger is always better, or `null`
 * when one is missing.
 */
function meritsOf<Item>(
  item: Item,
  objectives: ReadonlyArray<ParetoObjective<Item>>,
): number[] | null {
  const merits: number[] = [];
  for (const objective of objectives) {
    const value = objective.value(item);
    if (value === null || Number.isNaN(value)) return null;
    merits.push(objective.goal === "max" ? value : -value);
  }
  return merits;
}

function dominates(
  challenger: readonly number[],
  defender: readonly number[],
): boolean {
  let isBetterSomewhere = false;
  for (const [index, merit] of challenger.entries()) {
    const defenderMerit = defender[index] ?? merit;
    if (merit < defenderMerit) return false;
    if (merit > defenderMerit) isBetterSomewhere = true;
  }
  return isBetterSomewhere;
}
