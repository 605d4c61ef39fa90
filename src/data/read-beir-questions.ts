import { DatasetError } from "../errors/index.js";
import { describeFieldProblem, describeValue } from "./describe-value.js";
import { isPlainObject } from "./is-plain-object.js";
import type { LocatedQuestion } from "./located-question.js";
import { readJsonLines } from "./read-json-lines.js";
import { readQrels } from "./read-qrels.js";
import { ID_EXPECTED, toId } from "./to-id.js";

/**
 * Questions of a BEIR dataset: `queries.jsonl` (`_id`, `text`) joined with
 * a qrels TSV. As in BEIR, the qrels define the split: only queries with at
 * least one judgement above 0 are kept, in the order of `queries.jsonl`.
 * Every judgement, zeros included, becomes a relevance grade.
 */
export async function readBeirQuestions(
  queriesPath: string,
  qrelsPath: string,
): Promise<LocatedQuestion[]> {
  const qrels = await readQrels(qrelsPath);
  const questions: LocatedQuestion[] = [];
  for await (const { line, value } of readJsonLines(queriesPath)) {
    const { id, text } = parseQuery(queriesPath, line, value);
    const relevant = qrels.get(id);
    if (relevant === undefined || !hasPositiveGrade(relevant)) continue;
    const question = { id, question: text, answers: [], relevant };
    questions.push({ question, line });
  }
  return questions;
}

function parseQuery(
  path: string,
  line: number,
  value: unknown,
): { id: string; text: string } {
  const fail = (message: string) => new DatasetError(path, line, message);
  if (!isPlainObject(value)) {
    throw fail(`expected a JSON object, got ${describeValue(value)}`);
  }
  const id = toId(value._id);
  if (id === null) {
    throw fail(describeFieldProblem("_id", ID_EXPECTED, value._id));
  }
  const text = value.text;
  if (typeof text !== "string" || text.trim() === "") {
    throw fail(describeFieldProblem("text", "a non-empty string", text));
  }
  return { id, text };
}

function hasPositiveGrade(relevant: Record<string, number>): boolean {
  return Object.values(relevant).some((grade) => grade > 0);
}
