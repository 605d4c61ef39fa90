import { readFile } from "node:fs/promises";
import { fileReadError } from "./file-read-error.js";

/**
 * The whole text of a file, byte order mark dropped and CRLF turned into
 * LF, so line numbers and content hashes come out the same on every
 * platform.
 */
export async function readTextFile(path: string): Promise<string> {
  try {
    const raw = await readFile(path, "utf8");
    const withoutMark = raw.startsWith("\uFEFF") ? raw.slice(1) : raw;
    return withoutMark.replaceAll("\r\n", "\n");
  } catch (error) {
    throw fileReadError(path, error);
  }
}
