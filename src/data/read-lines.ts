import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { fileReadError } from "./file-read-error.js";

/** One line of a text file, without its line break. */
export interface NumberedLine {
  /** 1-based line number. */
  line: number;
  text: string;
}

/**
 * Streams a text file line by line, so files of millions of lines never
 * sit in memory whole. A leading byte order mark is dropped; CRLF and LF
 * both end a line.
 */
export async function* readLines(path: string): AsyncGenerator<NumberedLine> {
  const stream = createReadStream(path, { encoding: "utf8" });
  const reader = createInterface({ input: stream, crlfDelay: Infinity });
  let line = 0;
  try {
    for await (const text of reader) {
      line += 1;
      yield { line, text: line === 1 ? text.replace(/^\uFEFF/, "") : text };
    }
  } catch (error) {
    throw fileReadError(path, error);
  } finally {
    // Closing the reader alone leaves the file open when a caller stops early.
    reader.close();
    stream.destroy();
  }
}
