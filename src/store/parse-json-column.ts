import { FmopsError } from "../errors/fmops-error.js";

/** Where a JSON column value came from, for the error message. */
export interface ColumnLocation {
  table: string;
  column: string;
  /** The row's key, e.g. a run id or `run/cell/question`. */
  rowKey: string;
}

/**
 * Parses a JSON column written by the store. The store only ever writes
 * JSON.stringify output, so a parse failure means the file was edited or
 * damaged; the error says which row to look at.
 */
export function parseJsonColumn<Value>(
  text: string,
  location: ColumnLocation,
): Value {
  try {
    return JSON.parse(text) as Value;
  } catch (error) {
    throw new FmopsError(
      "STORE_ERROR",
      `Column ${location.table}.${location.column} of row ${location.rowKey} ` +
        `holds invalid JSON (${describe(error)}); expected the JSON the ` +
        "store wrote",
      { cause: error },
    );
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
