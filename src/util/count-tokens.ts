import { decode, encode } from "gpt-tokenizer";

/**
 * Token counts use the o200k_base encoding bundled with gpt-tokenizer, so
 * nothing is downloaded at run time and counts match current OpenAI models.
 */
export function countTokens(text: string): number {
  return encode(text).length;
}

export function encodeTokens(text: string): number[] {
  return encode(text);
}

export function decodeTokens(tokens: number[]): string {
  return decode(tokens);
}
