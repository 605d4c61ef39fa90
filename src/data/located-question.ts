import type { Question } from "../spec/index.js";

/** A question with the 1-based line it was read from, for error messages. */
export interface LocatedQuestion {
  question: Question;
  line: number;
}

/**
 * Where a question record sits in its file. `lineOf` answers with the line
 * of one field where the format knows it (YAML), else the record's line.
 */
export interface RecordLocation {
  file: string;
  lineOf(field: string | null): number;
}
