import { resolve } from "node:path";
import type { CliIo } from "./cli-io.js";

/** Default results database, relative to the working directory. */
export const DEFAULT_DB_PATH = "results/fmops.db";

/** Default cache of indexes and converted models. */
export const DEFAULT_CACHE_DIR = "results/cache";

/** `--db`, else FMOPS_DB, else results/fmops.db. */
export function resolveDbPath(flag: string | undefined, io: CliIo): string {
  return resolve(io.cwd, flag ?? io.env.FMOPS_DB ?? DEFAULT_DB_PATH);
}

/** `--cache-dir`, else FMOPS_CACHE_DIR, else results/cache. */
export function resolveCacheDir(flag: string | undefined, io: CliIo): string {
  return resolve(io.cwd, flag ?? io.env.FMOPS_CACHE_DIR ?? DEFAULT_CACHE_DIR);
}
