import {
  RecursiveCharacterTextSplitter,
  TextSplitter,
} from "@langchain/textsplitters";
import type { LengthFunction } from "./create-length-function.js";
import { splitSentences } from "./split-sentences.js";

export interface SentenceSplitterOptions {
  /** Most units a chunk may hold. */
  chunkSize: number;
  /** Most units of trailing sentences repeated at the start of the next. */
  chunkOverlap: number;
  /** How a text is measured. @default its length in characters */
  lengthFunction?: LengthFunction;
}

/**
 * Packs whole sentences into chunks of at most `chunkSize` units. The next
 * chunk starts with as many trailing sentences of the previous one as fit
 * in `chunkOverlap` units (and still leave room for the next sentence).
 *
 * A sentence longer than `chunkSize` on its own is cut with the recursive
 * splitter; its pieces become chunks of their own, and packing starts
 * afresh after them, without overlap.
 *
 * Chunks are measured as they will be stored, trimmed and with the original
 * whitespace between sentences, because the token count of joined
 * sentences differs from the sum of their separate counts.
 */
export class SentenceSplitter extends TextSplitter {
  readonly #measure: LengthFunction;
  readonly #longSentenceSplitter: RecursiveCharacterTextSplitter;

  static override lc_name(): string {
    return "SentenceSplitter";
  }

  constructor(options: SentenceSplitterOptions) {
    super(options);
    this.#measure = options.lengthFunction ?? ((text) => text.length);
    this.#longSentenceSplitter = new RecursiveCharacterTextSplitter(options);
  }

  async splitText(text: string): Promise<string[]> {
    const chunks: string[] = [];
    let current: string[] = [];
    for (const sentence of splitSentences(text)) {
      if (this.#measureJoined([sentence]) > this.chunkSize) {
        if (current.length > 0) chunks.push(joinSentences(current));
        current = [];
        chunks.push(...(await this.#longSentenceSplitter.splitText(sentence)));
        continue;
      }
      const candidate = [...current, sentence];
      if (
        current.length > 0 &&
        this.#measureJoined(candidate) > this.chunkSize
      ) {
        chunks.push(joinSentences(current));
        current = this.#overlapBefore(current, sentence);
      }
      current.push(sentence);
    }
    if (current.length > 0) chunks.push(joinSentences(current));
    return chunks;
  }

  /** The longest run of trailing sentences the next chunk may repeat. */
  #overlapBefore(sentences: string[], nextSentence: string): string[] {
    let overlap: string[] = [];
    for (let start = sentences.length - 1; start >= 0; start -= 1) {
      const candidate = sentences.slice(start);
      const fitsOverlap = this.#measureJoined(candidate) <= this.chunkOverlap;
      const leavesRoom =
        this.#measureJoined([...candidate, nextSentence]) <= this.chunkSize;
      if (!fitsOverlap || !leavesRoom) break;
      overlap = candidate;
    }
    return overlap;
  }

  #measureJoined(sentences: string[]): number {
    return this.#measure(joinSentences(sentences));
  }
}

function joinSentences(sentences: string[]): string {
  return sentences.join("").trim();
}
