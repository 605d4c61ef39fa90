import type { LocatedQuestion } from "./located-question.js";
import { parseQuestionRecord } from "./parse-question-record.js";
import { readJsonLines } from "./read-json-lines.js";

/** Questions of a JSON Lines file, one object per line, in file order. */
export async function readJsonlQuestions(
  path: string,
): Promise<LocatedQuestion[]> {
  const questions: LocatedQuestion[] = [];
  for await (const { line, value } of readJsonLines(path)) {
    const location = { file: path, lineOf: () => line };
    questions.push({ question: parseQuestionRecord(value, location), line });
  }
  return questions;
}
