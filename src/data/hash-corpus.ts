import { createHash } from "node:crypto";
import type { CorpusDocument } from "../spec/index.js";
import { compareCodeUnits } from "./compare-code-units.js";

/**
 * Hex sha256 over every id and text in id order, fed to the hash one
 * document at a time so a large corpus is never copied into one string.
 * Each id and text is written as a JSON string followed by a newline; JSON
 * strings hold no raw newline, so no two corpora share a byte stream.
 */
export function hashCorpus(documents: readonly CorpusDocument[]): string {
  const hash = createHash("sha256");
  const byId = [...documents].sort((left, right) =>
    compareCodeUnits(left.id, right.id),
  );
  for (const document of byId) {
    hash.update(`${JSON.stringify(document.id)}\n`);
    hash.update(`${JSON.stringify(document.text)}\n`);
  }
  return hash.digest("hex");
}
