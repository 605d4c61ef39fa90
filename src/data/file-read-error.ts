import { DatasetError } from "../errors/index.js";

/** A DatasetError for a file or folder the system refused to read. */
export function fileReadError(path: string, cause: unknown): DatasetError {
  if (cause instanceof DatasetError) return cause;
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new DatasetError(path, null, `cannot read (${reason})`, { cause });
}
