import { RecursiveCharacterTextSplitter } from "@langchain/textsplitters";
import type { ChunkingSpec } from "../../spec/index.js";
import { createLengthFunction } from "./create-length-function.js";

/**
 * LangChain's recursive splitter: it cuts at paragraph breaks first, then
 * line breaks, then spaces, then between characters, and packs the pieces
 * back into chunks of at most `size` units sharing up to `overlap` units.
 */
export function createRecursiveSplitter(
  spec: Pick<ChunkingSpec, "size" | "overlap" | "unit">,
): RecursiveCharacterTextSplitter {
  return new RecursiveCharacterTextSplitter({
    chunkSize: spec.size,
    chunkOverlap: spec.overlap,
    lengthFunction: createLengthFunction(spec.unit),
  });
}
