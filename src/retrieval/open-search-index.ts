import { randomBytes } from "node:crypto";
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
} from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { FmopsError } from "../errors/index.js";
import type { Chunk } from "../spec/chunk.js";
import type { EmbeddingModel } from "../spec/embedding-model.js";
import type { SearchIndex } from "../spec/search-index.js";
import {
  Bm25Index,
  type Bm25Parameters,
  writeBm25Index,
} from "./bm25-index.js";
import {
  INDEX_FORMAT_VERSION,
  type IndexDatabase,
  type IndexMeta,
  openIndexDatabase,
  prepareForBuild,
  readMeta,
  writeMeta,
} from "./index-file.js";
import { VectorIndex, writeVectorIndex } from "./vector-index.js";

/** Which representation an index holds. */
export type SearchIndexKind =
  | ({ type: "bm25" } & Bm25Parameters)
  | { type: "dense"; embeddingModel: EmbeddingModel };

export interface OpenSearchIndexOptions {
  /** Indexes live in `${cacheDir}/indexes/${key}.sqlite`. */
  cacheDir: string;
  /**
   * Content key from corpus hash, chunking and embedder; letters, digits,
   * `.`, `_` and `-` only, since it names a file.
   */
  key: string;
  kind: SearchIndexKind;
  /** Supplies the chunks; called only when the index must be built. */
  loadChunks: () => Promise<Chunk[]>;
}

export interface OpenedSearchIndex {
  index: SearchIndex;
  /** True when a complete file from an earlier build was opened. */
  isReused: boolean;
  /** Time spent loading chunks and building; 0 when reused. */
  buildMs: number;
}

/**
 * Builds of this process by file path. A second call for a key waits for
 * the first call's build and then opens its file, so each key is built
 * once and every caller gets a handle of its own to close. When a build
 * fails, its caller gets the error and each waiting caller tries again.
 */
const buildsInFlight = new Map<string, Promise<void>>();

/**
 * Opens the index for `key`, building it first unless a complete file with
 * the same key, kind and format version is already in the cache. A build
 * writes a temporary file and renames it into place when finished, so an
 * interrupted build never leaves a file that looks complete.
 */
export async function openSearchIndex(
  options: OpenSearchIndexOptions,
): Promise<OpenedSearchIndex> {
  const path = indexPath(options);
  // No await may come between this loop's last check and the `set` below,
  // or two callers could both decide to build.
  let runningBuild = buildsInFlight.get(path);
  while (runningBuild !== undefined) {
    await runningBuild.catch(() => undefined);
    runningBuild = buildsInFlight.get(path);
  }

  const reused = openIfComplete(path, options);
  if (reused !== null) return { index: reused, isReused: true, buildMs: 0 };

  const startMs = performance.now();
  const build = buildIndexFile(path, options);
  buildsInFlight.set(path, build);
  try {
    await build;
  } finally {
    buildsInFlight.delete(path);
  }
  const buildMs = performance.now() - startMs;
  const database = openIndexDatabase(path, { isReadOnly: true });
  return { index: createIndex(database, options), isReused: false, buildMs };
}

function indexPath(options: OpenSearchIndexOptions): string {
  if (!/^[\w.-]+$/.test(options.key)) {
    throw new FmopsError(
      "USAGE",
      `index key "${options.key}" cannot name a file; ` +
        "expected letters, digits, '.', '_' or '-'",
    );
  }
  return join(options.cacheDir, "indexes", `${options.key}.sqlite`);
}

/** Meta entries that must match for a file to be reused. */
function identityOf(options: OpenSearchIndexOptions): Record<string, string> {
  const identity = {
    format_version: String(INDEX_FORMAT_VERSION),
    key: options.key,
    kind: options.kind.type,
  };
  if (options.kind.type === "bm25") return identity;
  const { provider, modelId, dimensions } = options.kind.embeddingModel;
  return {
    ...identity,
    embedding_model: `${provider}:${modelId}`,
    dimensions: String(dimensions),
  };
}

function isCompleteMatch(
  meta: IndexMeta,
  identity: Record<string, string>,
): boolean {
  if (meta.get("is_complete") !== "true") return false;
  return Object.entries(identity).every(
    ([name, value]) => meta.get(name) === value,
  );
}

/** The cached index when reusable; `null` when absent, partial or foreign. */
function openIfComplete(
  path: string,
  options: OpenSearchIndexOptions,
): SearchIndex | null {
  if (!existsSync(path)) return null;
  let database: IndexDatabase | null = null;
  try {
    database = openIndexDatabase(path, { isReadOnly: true });
    if (isCompleteMatch(readMeta(database), identityOf(options))) {
      return createIndex(database, options);
    }
  } catch {
    // A file SQLite cannot read is treated like a missing one: rebuilt.
  }
  database?.close();
  return null;
}

function createIndex(
  database: IndexDatabase,
  options: OpenSearchIndexOptions,
): SearchIndex {
  const { key, kind } = options;
  if (kind.type === "bm25") {
    return new Bm25Index(database, { key, k1: kind.k1, b: kind.b });
  }
  return new VectorIndex(database, {
    key,
    embeddingModel: kind.embeddingModel,
  });
}

async function buildIndexFile(
  path: string,
  options: OpenSearchIndexOptions,
): Promise<void> {
  const chunks = await options.loadChunks();
  mkdirSync(join(options.cacheDir, "indexes"), { recursive: true });
  const suffix = randomBytes(6).toString("hex");
  const temporaryPath = `${path}.tmp-${process.pid}-${suffix}`;
  try {
    await writeIndexFile(temporaryPath, chunks, options);
    flushToDisk(temporaryPath);
    renameSync(temporaryPath, path);
  } catch (error) {
    rmSync(temporaryPath, { force: true });
    throw error;
  }
}

async function writeIndexFile(
  path: string,
  chunks: Chunk[],
  options: OpenSearchIndexOptions,
): Promise<void> {
  const database = openIndexDatabase(path, { isReadOnly: false });
  try {
    prepareForBuild(database);
    writeMeta(database, identityOf(options));
    if (options.kind.type === "bm25") writeBm25Index(database, chunks);
    else await writeVectorIndex(database, chunks, options.kind.embeddingModel);
    writeMeta(database, { is_complete: "true" });
  } finally {
    database.close();
  }
}

/** The rename must not reach the disk before the file's contents do. */
function flushToDisk(path: string): void {
  const descriptor = openSync(path, "r");
  try {
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
}
