import { stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { Corpus } from "../spec/index.js";
import { hashCorpus } from "./hash-corpus.js";
import { readBeirDocuments } from "./read-beir-documents.js";
import { readFolderDocuments } from "./read-folder-documents.js";

/** How a corpus is laid out on disk. */
export type CorpusFormat = "folder" | "beir";

/**
 * Loads a corpus: a folder of `.md`, `.markdown` and `.txt` files, or a
 * BEIR `corpus.jsonl` (a BEIR dataset folder is accepted too and read from
 * its `corpus.jsonl`). Throws a DatasetError naming file and line when the
 * input cannot be used.
 */
export async function loadCorpus(
  path: string,
  format: CorpusFormat,
): Promise<Corpus> {
  const sourcePath =
    format === "beir" ? await resolveBeirCorpusPath(path) : resolve(path);
  const documents =
    format === "beir"
      ? await readBeirDocuments(sourcePath)
      : await readFolderDocuments(sourcePath);
  return { documents, contentHash: hashCorpus(documents), sourcePath };
}

async function resolveBeirCorpusPath(path: string): Promise<string> {
  const absolutePath = resolve(path);
  const entry = await stat(absolutePath).catch(() => null);
  return entry?.isDirectory()
    ? join(absolutePath, "corpus.jsonl")
    : absolutePath;
}
