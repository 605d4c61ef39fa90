/** Longest string shown in full; longer ones are cut with an ellipsis. */
const MAX_SHOWN_CHARACTERS = 40;

/**
 * A value found in the experiment file, written for an error message:
 * `"abc" (string)`, `-3 (number)`, `a list of 2 items`, `a mapping`.
 * `undefined` means the field is absent.
 */
export function formatReceived(value: unknown): string {
  if (value === undefined) return "nothing (the field is missing)";
  if (value === null) return "an empty value (null)";
  if (typeof value === "string") return `${quoteShortened(value)} (string)`;
  if (typeof value === "number" || typeof value === "boolean") {
    return `${String(value)} (${typeof value})`;
  }
  if (Array.isArray(value)) return describeList(value.length);
  if (typeof value === "object") return "a mapping";
  return `a value of type ${typeof value}`;
}

/** A string in double quotes, cut with an ellipsis when it is long. */
export function quoteShortened(text: string): string {
  const shown =
    text.length > MAX_SHOWN_CHARACTERS
      ? `${text.slice(0, MAX_SHOWN_CHARACTERS - 1)}…`
      : text;
  return JSON.stringify(shown);
}

function describeList(length: number): string {
  if (length === 0) return "an empty list";
  if (length === 1) return "a list of 1 item";
  return `a list of ${length} items`;
}
