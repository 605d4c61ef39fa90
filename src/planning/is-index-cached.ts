import { existsSync } from "node:fs";
import { join } from "node:path";
import { openIndexDatabase, readMeta } from "../retrieval/index-file.js";

/**
 * Whether a complete index with `key` sits in the content-addressed cache,
 * so a run would open it instead of building it. Read-only: a file that
 * cannot be read counts as absent, as it does for a run, which rebuilds it.
 */
export function isIndexCached(cacheDir: string, key: string): boolean {
  const path = join(cacheDir, "indexes", `${key}.sqlite`);
  if (!existsSync(path)) return false;
  try {
    const database = openIndexDatabase(path, { isReadOnly: true });
    try {
      const meta = readMeta(database);
      return meta.get("is_complete") === "true" && meta.get("key") === key;
    } finally {
      database.close();
    }
  } catch {
    return false;
  }
}
