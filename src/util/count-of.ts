/** `1 cell`, `2 cells`: a count with its noun, plural when it is not 1. */
export function countOf(count: number, noun: string): string {
  return count === 1 ? `1 ${noun}` : `${count} ${noun}s`;
}
