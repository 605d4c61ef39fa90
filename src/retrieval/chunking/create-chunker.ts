import { FmopsError } from "../../errors/index.js";
import type { Chunker, ChunkingSpec } from "../../spec/index.js";
import { createLengthFunction } from "./create-length-function.js";
import { createRecursiveSplitter } from "./create-recursive-splitter.js";
import { SentenceSplitter } from "./sentence-splitter.js";
import { TextSplitterChunker } from "./text-splitter-chunker.js";
import { TokenWindowSplitter } from "./token-window-splitter.js";
import { WholeDocumentChunker } from "./whole-document-chunker.js";

/**
 * The chunker for one value of the `chunking` axis.
 *
 * @throws FmopsError (`CONFIG_INVALID`) when `size` is not a positive whole
 * number or `overlap` is not a whole number from 0 to `size - 1`; `none`
 * ignores both.
 */
export function createChunker(spec: ChunkingSpec): Chunker {
  if (spec.strategy === "none") return new WholeDocumentChunker(spec);
  assertSizeAndOverlap(spec);
  switch (spec.strategy) {
    case "recursive":
      return new TextSplitterChunker(spec, createRecursiveSplitter(spec));
    case "token":
      return new TextSplitterChunker(spec, createTokenSplitter(spec));
    case "sentence":
      return new TextSplitterChunker(spec, createSentenceSplitter(spec));
  }
}

function createTokenSplitter(spec: ChunkingSpec): TokenWindowSplitter {
  return new TokenWindowSplitter({
    chunkSize: spec.size,
    chunkOverlap: spec.overlap,
  });
}

function createSentenceSplitter(spec: ChunkingSpec): SentenceSplitter {
  return new SentenceSplitter({
    chunkSize: spec.size,
    chunkOverlap: spec.overlap,
    lengthFunction: createLengthFunction(spec.unit),
  });
}

function assertSizeAndOverlap(spec: ChunkingSpec): void {
  const { strategy, size, overlap } = spec;
  if (!Number.isInteger(size) || size < 1) {
    throw invalidChunking(strategy, "size", size, "a whole number above 0");
  }
  if (!Number.isInteger(overlap) || overlap < 0 || overlap >= size) {
    const expected = `a whole number from 0 to ${size - 1} (below size)`;
    throw invalidChunking(strategy, "overlap", overlap, expected);
  }
}

function invalidChunking(
  strategy: ChunkingSpec["strategy"],
  field: "size" | "overlap",
  received: number,
  expected: string,
): FmopsError {
  return new FmopsError(
    "CONFIG_INVALID",
    `chunking (${strategy}) ${field}: expected ${expected}, got ${received}`,
  );
}
