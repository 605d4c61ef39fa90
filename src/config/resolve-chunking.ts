import type { ChunkingSpec } from "../spec/chunk.js";
import type { ChunkingInput } from "./experiment-input.js";
import { type FieldPath, formatFieldPath } from "./field-path.js";
import type { Resolution } from "./resolution.js";

/**
 * One chunking entry with its defaults applied, in one form per effect:
 * `none` ignores size, overlap and unit, and `token` always counts tokens.
 */
export function resolveChunking(
  chunking: ChunkingInput,
  path: FieldPath,
  resolution: Resolution,
): ChunkingSpec {
  const { strategy } = chunking;
  if (strategy === "none") {
    return { strategy, size: 0, overlap: 0, unit: "characters" };
  }
  if (strategy === "token" && chunking.unit === "characters") {
    resolution.warn(
      `${formatFieldPath(path)}: the token strategy counts tokens, so unit ` +
        "characters was replaced by tokens",
    );
  }
  return {
    strategy,
    size: chunking.size ?? 0,
    overlap: chunking.overlap,
    unit: strategy === "token" ? "tokens" : (chunking.unit ?? "characters"),
  };
}
