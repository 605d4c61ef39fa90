import type { TextSplitter } from "@langchain/textsplitters";
import { FmopsError } from "../../errors/index.js";
import type { Chunker, ChunkingSpec } from "../../spec/index.js";
import { WholeDocumentChunker } from "./whole-document-chunker.js";

/**
 * The chunker for one value of the `chunking` axis. The splitters, and
 * LangChain behind them, are loaded only when a corpus is cut: a run whose
 * indexes are all cached never needs them.
 *
 * @throws FmopsError (`CONFIG_INVALID`) when `size` is not a positive whole
 * number or `overlap` is not a whole number from 0 to `size - 1`; `none`
 * ignores both.
 */
export async function createChunker(spec: ChunkingSpec): Promise<Chunker> {
  if (spec.strategy === "none") return new WholeDocumentChunker(spec);
  assertSizeAndOverlap(spec);
  const { TextSplitterChunker } = await import("./text-splitter-chunker.js");
  return new TextSplitterChunker(spec, await createSplitter(spec));
}

async function createSplitter(spec: ChunkingSpec): Promise<TextSplitter> {
  switch (spec.strategy) {
    case "none":
      throw new Error("whole documents need no splitter");
    case "recursive": {
      const { createRecursiveSplitter } = await import(
        "./create-recursive-splitter.js"
      );
      return createRecursiveSplitter(spec);
    }
    case "token": {
      const { TokenWindowSplitter } = await import(
        "./token-window-splitter.js"
      );
      return new TokenWindowSplitter({
        chunkSize: spec.size,
        chunkOverlap: spec.overlap,
      });
    }
    case "sentence": {
      const [{ SentenceSplitter }, { createLengthFunction }] =
        await Promise.all([
          import("./sentence-splitter.js"),
          import("./create-length-function.js"),
        ]);
      return new SentenceSplitter({
        chunkSize: spec.size,
        chunkOverlap: spec.overlap,
        lengthFunction: createLengthFunction(spec.unit),
      });
    }
  }
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
