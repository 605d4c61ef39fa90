import { resolve } from "node:path";
import { DatasetError } from "../errors/index.js";
import { isFreeOfRepeatSuffix } from "../evaluation/repeat-ids.js";
import type { Question, QuestionSet } from "../spec/index.js";
import { canonicalJson, sha256 } from "../util/hash.js";
import type { LocatedQuestion } from "./located-question.js";
import { readBeirQuestions } from "./read-beir-questions.js";
import { readCsvQuestions } from "./read-csv-questions.js";
import { readJsonlQuestions } from "./read-jsonl-questions.js";
import { readYamlQuestions } from "./read-yaml-questions.js";

/** How a question file is written. */
export type QuestionFormat = "jsonl" | "csv" | "yaml" | "beir";

/** Where the questions live and how to read them. */
export interface QuestionSource {
  /** The questions file; for `beir`, the `queries.jsonl`. */
  path: string;
  format: QuestionFormat;
  /** BEIR qrels TSV; required for `beir`, ignored otherwise. */
  qrelsPath: string | null;
}

/**
 * Loads labelled questions in file order. Throws a DatasetError naming the
 * file and line when a record is malformed, when two questions share an
 * id, when an id ends in a repeat's suffix (`#2`), or when the file holds
 * no question at all.
 */
export async function loadQuestions(
  source: QuestionSource,
): Promise<QuestionSet> {
  const sourcePath = resolve(source.path);
  const located = await readLocatedQuestions(sourcePath, source);
  if (located.length === 0) throw noQuestionsError(sourcePath, source);
  rejectDuplicateIds(sourcePath, located);
  rejectRepeatSuffixes(sourcePath, located);
  const questions = located.map(({ question }) => question);
  return { questions, contentHash: hashQuestions(questions), sourcePath };
}

function readLocatedQuestions(
  sourcePath: string,
  source: QuestionSource,
): Promise<LocatedQuestion[]> {
  switch (source.format) {
    case "jsonl":
      return readJsonlQuestions(sourcePath);
    case "csv":
      return readCsvQuestions(sourcePath);
    case "yaml":
      return readYamlQuestions(sourcePath);
    case "beir":
      return readBeirQuestions(sourcePath, requireQrelsPath(source));
  }
}

function requireQrelsPath(source: QuestionSource): string {
  if (source.qrelsPath !== null) return resolve(source.qrelsPath);
  const message = "BEIR questions need a qrels file (qrels/test.tsv)";
  throw new DatasetError(resolve(source.path), null, message);
}

function noQuestionsError(
  sourcePath: string,
  source: QuestionSource,
): DatasetError {
  if (source.format !== "beir") {
    return new DatasetError(sourcePath, null, "no questions in the file");
  }
  const message = `no questions: no query has a qrels judgement above 0 in ${source.qrelsPath}`;
  return new DatasetError(sourcePath, null, message);
}

function rejectDuplicateIds(
  sourcePath: string,
  located: LocatedQuestion[],
): void {
  const firstLineById = new Map<string, number>();
  for (const { question, line } of located) {
    const firstLine = firstLineById.get(question.id);
    if (firstLine !== undefined) {
      const message = `duplicate question id "${question.id}"; line ${firstLine} already has it`;
      throw new DatasetError(sourcePath, line, message);
    }
    firstLineById.set(question.id, line);
  }
}

/** `q#2` names the second repeat of `q`; a data set cannot use such ids. */
function rejectRepeatSuffixes(
  sourcePath: string,
  located: LocatedQuestion[],
): void {
  for (const { question, line } of located) {
    if (isFreeOfRepeatSuffix(question.id)) continue;
    const message = `question id "${question.id}" ends in "#" and a number, which names a repeat (--repeat); rename it`;
    throw new DatasetError(sourcePath, line, message);
  }
}

/** sha256 of the canonical JSON of the questions, in file order. */
export function hashQuestions(questions: readonly Question[]): string {
  return sha256(canonicalJson(questions));
}
