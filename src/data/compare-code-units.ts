/**
 * Orders strings by UTF-16 code unit, like `Array.prototype.sort` with no
 * comparator. `localeCompare` would change the order, and so every content
 * hash, with the machine's locale.
 */
export function compareCodeUnits(left: string, right: string): number {
  if (left < right) return -1;
  return left > right ? 1 : 0;
}
