import { createHash } from "node:crypto";
import { countTokens } from "../util/count-tokens.js";

const WORDS = (
  "the answer is found in section policy days team office review " +
  "report budget travel leave remote access security data system"
).split(" ");

/**
 * A deterministic reply of exactly `tokenCount` o200k tokens: the same
 * prompt always gets the same words, so caches and tests can rely on it.
 * Each word above is one token when preceded by a space.
 */
export function fakeReply(prompt: string, tokenCount: number): string {
  const digest = createHash("sha256").update(prompt).digest();
  const words: string[] = [];
  for (let index = 0; index < tokenCount; index += 1) {
    const byte = digest[index % digest.length] ?? 0;
    words.push(WORDS[(byte + index) % WORDS.length] ?? "the");
  }
  return words.join(" ");
}

/** Tokens of a prompt as the fake server bills them. */
export function fakePromptTokens(texts: readonly string[]): number {
  return texts.reduce((total, text) => total + countTokens(text), 0);
}

/**
 * A deterministic unit vector for `text`: equal texts get equal vectors,
 * different texts almost orthogonal ones.
 */
export function fakeEmbedding(text: string, dimensions: number): number[] {
  const vector: number[] = [];
  let block = createHash("sha256").update(text).digest();
  while (vector.length < dimensions) {
    for (let offset = 0; offset + 1 < block.length; offset += 2) {
      if (vector.length === dimensions) break;
      vector.push((block.readUInt16LE(offset) / 65_535) * 2 - 1);
    }
    block = createHash("sha256").update(block).digest();
  }
  const norm = Math.hypot(...vector) || 1;
  return vector.map((value) => value / norm);
}
