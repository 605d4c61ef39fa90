import { DatasetError } from "../errors/index.js";
import { readLines } from "./read-lines.js";

/** One parsed line of a JSON Lines file. */
export interface JsonLine {
  /** 1-based line number in the file. */
  line: number;
  value: unknown;
}

/**
 * Streams a JSON Lines file one parsed line at a time. Blank lines are
 * skipped; a line that is not JSON is a DatasetError naming its line.
 */
export async function* readJsonLines(path: string): AsyncGenerator<JsonLine> {
  for await (const { line, text } of readLines(path)) {
    if (text.trim() === "") continue;
    yield { line, value: parseJsonLine(path, line, text) };
  }
}

function parseJsonLine(path: string, line: number, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DatasetError(path, line, `not a valid JSON line (${reason})`, {
      cause: error,
    });
  }
}
