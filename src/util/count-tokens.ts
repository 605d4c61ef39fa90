import { createRequire } from "node:module";

type Tokenizer = typeof import("gpt-tokenizer");

/**
 * Loaded on first use: building its tables takes some 50 ms and 30 MB,
 * which runs that never count tokens (most runs against a provider that
 * reports usage) should not pay.
 */
let tokenizer: Tokenizer | null = null;

function loadTokenizer(): Tokenizer {
  tokenizer ??= createRequire(import.meta.url)("gpt-tokenizer") as Tokenizer;
  return tokenizer;
}

/**
 * Token counts use the o200k_base encoding bundled with gpt-tokenizer, so
 * nothing is downloaded at run time and counts match current OpenAI models.
 */
export function countTokens(text: string): number {
  return loadTokenizer().encode(text).length;
}

export function encodeTokens(text: string): number[] {
  return loadTokenizer().encode(text);
}

export function decodeTokens(tokens: number[]): string {
  return loadTokenizer().decode(tokens);
}
