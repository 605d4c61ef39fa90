import { FmopsError } from "./fmops-error.js";

/** A corpus or question file that cannot be read as the format requires. */
export class DatasetError extends FmopsError {
  override readonly name = "DatasetError";
  /** File and, where known, 1-based line of the problem. */
  readonly file: string;
  readonly line: number | null;

  constructor(
    file: string,
    line: number | null,
    message: string,
    options?: ErrorOptions,
  ) {
    const where = line === null ? file : `${file}:${line}`;
    super("DATASET_INVALID", `${where}: ${message}`, options);
    this.file = file;
    this.line = line;
  }
}
