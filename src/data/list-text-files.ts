import type { Dirent } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { extname, join } from "node:path";
import { compareCodeUnits } from "./compare-code-units.js";

/** Extensions a folder corpus reads, compared without regard to case. */
export const TEXT_FILE_EXTENSIONS: readonly string[] = [
  ".md",
  ".markdown",
  ".txt",
];

/**
 * Relative posix paths of every text file below `folderPath`, sorted by
 * code unit so the order is the same on every machine and locale. Hidden
 * entries (`.git`, `.obsidian`) are skipped: they hold tool state, not
 * documents. Symbolic links to files are followed; links to folders are
 * not, which rules out cycles.
 */
export async function listTextFiles(folderPath: string): Promise<string[]> {
  const relativePaths: string[] = [];
  await collectTextFiles(folderPath, "", relativePaths);
  return relativePaths.sort(compareCodeUnits);
}

async function collectTextFiles(
  root: string,
  relativeFolder: string,
  found: string[],
): Promise<void> {
  const entries = await readdir(join(root, relativeFolder), {
    withFileTypes: true,
  });
  for (const entry of entries) {
    if (entry.name.startsWith(".")) continue;
    const relativePath =
      relativeFolder === "" ? entry.name : `${relativeFolder}/${entry.name}`;
    if (entry.isDirectory()) {
      await collectTextFiles(root, relativePath, found);
    } else if (await isTextFile(root, relativePath, entry)) {
      found.push(relativePath);
    }
  }
}

async function isTextFile(
  root: string,
  relativePath: string,
  entry: Dirent,
): Promise<boolean> {
  const extension = extname(entry.name).toLowerCase();
  if (!TEXT_FILE_EXTENSIONS.includes(extension)) return false;
  if (entry.isFile()) return true;
  if (!entry.isSymbolicLink()) return false;
  const target = await stat(join(root, relativePath)).catch(() => null);
  return target?.isFile() ?? false;
}
