import type { Chunk } from "../../spec/index.js";

/**
 * Numbers the pieces of a document as chunks, trimmed, leaving out pieces
 * that hold only whitespace; indices stay consecutive from 0.
 */
export function toChunks(documentId: string, texts: string[]): Chunk[] {
  const chunks: Chunk[] = [];
  for (const text of texts) {
    const trimmed = text.trim();
    if (trimmed === "") continue;
    const index = chunks.length;
    chunks.push({
      id: `${documentId}#${index}`,
      documentId,
      index,
      text: trimmed,
    });
  }
  return chunks;
}
