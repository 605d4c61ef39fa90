import { DatasetError } from "../errors/index.js";
import type { Question } from "../spec/index.js";
import { describeFieldProblem, describeValue } from "./describe-value.js";
import { isPlainObject } from "./is-plain-object.js";
import type { RecordLocation } from "./located-question.js";
import { ID_EXPECTED, toId } from "./to-id.js";

/** Fields a question record may carry, in the order messages list them. */
export const QUESTION_FIELDS = ["id", "question", "answers", "relevant"];

/**
 * Checks one question as written in JSON Lines, YAML or (after splitting
 * its cells) CSV, and returns it resolved: id as a string, answers as a
 * list, relevant documents with their grades.
 */
export function parseQuestionRecord(
  record: unknown,
  location: RecordLocation,
): Question {
  if (!isPlainObject(record)) {
    const received = describeValue(record);
    throw failAt(location, null, `expected a question object, got ${received}`);
  }
  rejectUnknownFields(record, location);
  return {
    id: parseId(record.id, location),
    question: parseQuestionText(record.question, location),
    answers: parseAnswers(record.answers, location),
    relevant: parseRelevant(record.relevant, location),
  };
}

function rejectUnknownFields(
  record: Record<string, unknown>,
  location: RecordLocation,
): void {
  const unknown = Object.keys(record).filter(
    (field) => !QUESTION_FIELDS.includes(field),
  );
  const first = unknown[0];
  if (first === undefined) return;
  const names = unknown.map((field) => `"${field}"`).join(", ");
  const allowed = QUESTION_FIELDS.join(", ");
  const message = `unknown field ${names}; a question has ${allowed}`;
  throw failAt(location, first, message);
}

function parseId(value: unknown, location: RecordLocation): string {
  const id = toId(value);
  if (id !== null) return id;
  throw failAt(location, "id", describeFieldProblem("id", ID_EXPECTED, value));
}

function parseQuestionText(value: unknown, location: RecordLocation): string {
  if (typeof value === "string" && value.trim() !== "") return value;
  const message = describeFieldProblem("question", "a non-empty string", value);
  throw failAt(location, "question", message);
}

/** A lone string is taken as the only answer. */
function parseAnswers(value: unknown, location: RecordLocation): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === "string") return [value];
  if (!Array.isArray(value)) {
    const expected = "a list of strings or one string";
    const message = describeFieldProblem("answers", expected, value);
    throw failAt(location, "answers", message);
  }
  return value.map((answer, index) => {
    if (typeof answer === "string" && answer.trim() !== "") return answer;
    const field = `answers[${index}]`;
    const message = describeFieldProblem(field, "a non-empty string", answer);
    throw failAt(location, "answers", message);
  });
}

/** A list of ids means grade 1 for each; a mapping gives each its grade. */
function parseRelevant(
  value: unknown,
  location: RecordLocation,
): Record<string, number> {
  if (value === undefined || value === null) return {};
  if (Array.isArray(value)) return gradeListedIds(value, location);
  if (isPlainObject(value)) return checkGrades(value, location);
  const expected = "a list of document ids or a mapping of id to grade";
  const message = describeFieldProblem("relevant", expected, value);
  throw failAt(location, "relevant", message);
}

function gradeListedIds(
  ids: unknown[],
  location: RecordLocation,
): Record<string, number> {
  const relevant: Record<string, number> = {};
  ids.forEach((value, index) => {
    const documentId = toId(value);
    if (documentId !== null) {
      relevant[documentId] = 1;
      return;
    }
    const field = `relevant[${index}]`;
    const expected = `a document id (${ID_EXPECTED})`;
    throw failAt(
      location,
      "relevant",
      describeFieldProblem(field, expected, value),
    );
  });
  return relevant;
}

function checkGrades(
  grades: Record<string, unknown>,
  location: RecordLocation,
): Record<string, number> {
  const relevant: Record<string, number> = {};
  for (const [documentId, grade] of Object.entries(grades)) {
    if (typeof grade === "number" && Number.isInteger(grade) && grade >= 0) {
      relevant[documentId] = grade;
      continue;
    }
    const field = `relevant.${documentId}`;
    const expected = "a non-negative integer grade";
    const message = describeFieldProblem(field, expected, grade);
    throw failAt(location, "relevant", message);
  }
  return relevant;
}

function failAt(
  location: RecordLocation,
  field: string | null,
  message: string,
): DatasetError {
  return new DatasetError(location.file, location.lineOf(field), message);
}
