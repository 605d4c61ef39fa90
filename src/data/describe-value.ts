const LONGEST_SHOWN_STRING = 40;

/**
 * A value as an error message shows it, with its JSON type: `"abc" (string)`,
 * `42 (number)`, `null`. Long strings and big structures are shortened so a
 * message stays one readable line.
 */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return `${shorten(JSON.stringify(value))} (array)`;
  if (typeof value === "string")
    return `${JSON.stringify(shorten(value))} (string)`;
  if (typeof value === "object")
    return `${shorten(JSON.stringify(value))} (object)`;
  return `${String(value)} (${typeof value})`;
}

function shorten(text: string): string {
  if (text.length <= LONGEST_SHOWN_STRING) return text;
  return `${text.slice(0, LONGEST_SHOWN_STRING - 1)}…`;
}

/**
 * The message for a field that is missing or holds the wrong kind of value:
 * `missing field "text" (a string)` or
 * `field "text": expected a string, got 42 (number)`.
 */
export function describeFieldProblem(
  field: string,
  expected: string,
  received: unknown,
): string {
  if (received === undefined) return `missing field "${field}" (${expected})`;
  return `field "${field}": expected ${expected}, got ${describeValue(received)}`;
}
