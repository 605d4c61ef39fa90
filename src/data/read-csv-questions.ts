import { CsvError, parse } from "csv-parse/sync";
import { DatasetError } from "../errors/index.js";
import type { LocatedQuestion } from "./located-question.js";
import {
  parseQuestionRecord,
  QUESTION_FIELDS,
} from "./parse-question-record.js";
import { readTextFile } from "./read-text-file.js";

/** Separates several answers or relevant ids within one cell. */
const LIST_SEPARATOR = "|";
/** `doc-7:2` is document `doc-7` with grade 2. */
const GRADED_ID = /^(.*\S)\s*:\s*(\d+)$/;
/** Looks like an attempt at a grade (`doc-7:1.5`, `doc-7:-1`) but is not one. */
const MALFORMED_GRADE = /:\s*-?[\d.]+$/;
const REQUIRED_COLUMNS = ["id", "question"];

interface CsvRow {
  cells: string[];
  /** 1-based line where the record starts. */
  line: number;
}

/**
 * Questions of a CSV file with a header row naming its columns: `id`,
 * `question`, and optionally `answers` and `relevant`. Several answers or
 * relevant ids in one cell are separated by `|`; a relevant id may carry
 * a grade as `doc-7:2`.
 */
export async function readCsvQuestions(
  path: string,
): Promise<LocatedQuestion[]> {
  const rows = parseRows(path, await readTextFile(path));
  const [header, ...records] = rows;
  if (header === undefined) {
    const expected = QUESTION_FIELDS.join(", ");
    throw new DatasetError(
      path,
      null,
      `empty file; expected a header row of ${expected}`,
    );
  }
  const columns = checkHeader(path, header);
  return records.map((row) => toLocatedQuestion(path, columns, row));
}

function parseRows(path: string, text: string): CsvRow[] {
  const startLines: number[] = [];
  try {
    const records = parse(text, {
      trim: true,
      skip_empty_lines: true,
      on_record: (record: string[], context) => {
        startLines.push(context.lines - countNewlines(record));
        return record;
      },
    });
    return records.map((cells, index) => ({
      cells,
      line: startLines[index] ?? 0,
    }));
  } catch (error) {
    if (error instanceof CsvError) throw toDatasetError(path, error);
    throw error;
  }
}

/**
 * csv-parse counts the line a record ends on; a quoted cell that spans
 * lines moves the record's first line up by its line breaks.
 */
function countNewlines(cells: string[]): number {
  let count = 0;
  for (const cell of cells) count += cell.split("\n").length - 1;
  return count;
}

function toDatasetError(path: string, error: CsvError): DatasetError {
  const line = typeof error.lines === "number" ? error.lines : null;
  return new DatasetError(path, line, `not valid CSV (${error.message})`, {
    cause: error,
  });
}

function checkHeader(path: string, header: CsvRow): string[] {
  const columns = header.cells;
  const fail = (message: string) =>
    new DatasetError(path, header.line, message);
  const unknown = columns.filter((column) => !QUESTION_FIELDS.includes(column));
  if (unknown.length > 0) {
    const names = unknown.map((column) => `"${column}"`).join(", ");
    throw fail(
      `unknown column ${names}; allowed columns are ${QUESTION_FIELDS.join(", ")}`,
    );
  }
  const repeated = columns.find(
    (column, index) => columns.indexOf(column) !== index,
  );
  if (repeated !== undefined) throw fail(`column "${repeated}" appears twice`);
  const missing = REQUIRED_COLUMNS.filter(
    (column) => !columns.includes(column),
  );
  if (missing.length > 0) {
    throw fail(
      `missing column ${missing.map((column) => `"${column}"`).join(", ")}`,
    );
  }
  return columns;
}

function toLocatedQuestion(
  path: string,
  columns: string[],
  row: CsvRow,
): LocatedQuestion {
  const record: Record<string, unknown> = {};
  columns.forEach((column, index) => {
    record[column] = readCell(path, row, column, row.cells[index] ?? "");
  });
  const location = { file: path, lineOf: () => row.line };
  return { question: parseQuestionRecord(record, location), line: row.line };
}

function readCell(
  path: string,
  row: CsvRow,
  column: string,
  cell: string,
): unknown {
  if (column === "answers") return splitList(cell);
  if (column === "relevant") return parseRelevantCell(path, row, cell);
  return cell;
}

function splitList(cell: string): string[] {
  return cell
    .split(LIST_SEPARATOR)
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

function parseRelevantCell(
  path: string,
  row: CsvRow,
  cell: string,
): Record<string, number> {
  const fail = (message: string) =>
    new DatasetError(path, row.line, `column "relevant": ${message}`);
  const relevant: Record<string, number> = {};
  for (const item of splitList(cell)) {
    const match = GRADED_ID.exec(item);
    if (match === null && MALFORMED_GRADE.test(item)) {
      throw fail(
        `expected "id:grade" with a non-negative integer grade, got "${item}"`,
      );
    }
    const documentId = match?.[1] ?? item;
    if (Object.hasOwn(relevant, documentId)) {
      throw fail(`document "${documentId}" is listed twice`);
    }
    relevant[documentId] = match === null ? 1 : Number(match[2]);
  }
  return relevant;
}
