import { extname, join } from "node:path";
import { DatasetError } from "../errors/index.js";
import type { CorpusDocument } from "../spec/index.js";
import { extractMarkdownTitle } from "./extract-markdown-title.js";
import { fileReadError } from "./file-read-error.js";
import { listTextFiles, TEXT_FILE_EXTENSIONS } from "./list-text-files.js";
import { readTextFile } from "./read-text-file.js";

const MARKDOWN_EXTENSIONS = [".md", ".markdown"];

/**
 * One document per `.md`, `.markdown` or `.txt` file below `folderPath`,
 * in relative path order. The id is the relative path without extension
 * (`policies/leave`); markdown files take their first `# ` heading as title.
 */
export async function readFolderDocuments(
  folderPath: string,
): Promise<CorpusDocument[]> {
  const relativePaths = await listFolder(folderPath);
  const documents: CorpusDocument[] = [];
  const pathById = new Map<string, string>();
  for (const relativePath of relativePaths) {
    const document = await readDocument(folderPath, relativePath);
    rejectDuplicateId(folderPath, relativePath, document.id, pathById);
    documents.push(document);
  }
  return documents;
}

async function listFolder(folderPath: string): Promise<string[]> {
  const relativePaths = await listTextFiles(folderPath).catch((error) => {
    throw fileReadError(folderPath, error);
  });
  if (relativePaths.length === 0) {
    const extensions = TEXT_FILE_EXTENSIONS.join(", ");
    throw new DatasetError(
      folderPath,
      null,
      `no documents found; a folder corpus needs at least one ${extensions} file`,
    );
  }
  return relativePaths;
}

async function readDocument(
  folderPath: string,
  relativePath: string,
): Promise<CorpusDocument> {
  const filePath = join(folderPath, relativePath);
  const text = await readTextFile(filePath);
  if (text.trim() === "") {
    throw new DatasetError(filePath, null, "empty document; expected text");
  }
  const extension = extname(relativePath);
  const id = relativePath.slice(0, relativePath.length - extension.length);
  const isMarkdown = MARKDOWN_EXTENSIONS.includes(extension.toLowerCase());
  const title = isMarkdown ? extractMarkdownTitle(text) : null;
  return title === null ? { id, text } : { id, title, text };
}

/** `leave.md` and `leave.txt` would both be `leave`. */
function rejectDuplicateId(
  folderPath: string,
  relativePath: string,
  id: string,
  pathById: Map<string, string>,
): void {
  const firstPath = pathById.get(id);
  if (firstPath === undefined) {
    pathById.set(id, relativePath);
    return;
  }
  throw new DatasetError(
    join(folderPath, relativePath),
    null,
    `duplicate document id "${id}"; ${firstPath} already has it`,
  );
}
