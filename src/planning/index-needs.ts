import type { IndexNeed } from "../engine/run-bench.js";

/** A stable name for a need, to find equal needs of different cells. */
export function indexNeedName(need: IndexNeed): string {
  return JSON.stringify([need.chunking, need.embedder]);
}

/** Local embedders run on this machine; nothing they do is billed. */
export function isLocalEmbedder(embedder: string): boolean {
  return embedder.startsWith("local:");
}
