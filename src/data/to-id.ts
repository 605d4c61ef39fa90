/** What error messages say an id must be. */
export const ID_EXPECTED = "a non-empty string or a number";

/**
 * An id as fmops keeps it: strings as written, numbers in their shortest
 * decimal form (`7` → `"7"`). Null when the value cannot serve as an id.
 */
export function toId(value: unknown): string | null {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value === "string" && value.trim() !== "") return value;
  return null;
}
