import { DatasetError } from "../errors/index.js";
import type { CorpusDocument } from "../spec/index.js";
import { describeFieldProblem, describeValue } from "./describe-value.js";
import { isPlainObject } from "./is-plain-object.js";
import { type JsonLine, readJsonLines } from "./read-json-lines.js";
import { ID_EXPECTED, toId } from "./to-id.js";

/**
 * Documents of a BEIR `corpus.jsonl`, in file order. Each line holds `_id`
 * (string or number), an optional `title` and `text`. The title is put in
 * front of the text, as BEIR's BM25 baselines index it.
 */
export async function readBeirDocuments(
  corpusPath: string,
): Promise<CorpusDocument[]> {
  const documents: CorpusDocument[] = [];
  const lineById = new Map<string, number>();
  for await (const jsonLine of readJsonLines(corpusPath)) {
    const document = toDocument(corpusPath, jsonLine);
    const firstLine = lineById.get(document.id);
    if (firstLine !== undefined) {
      throw new DatasetError(
        corpusPath,
        jsonLine.line,
        `duplicate _id "${document.id}"; line ${firstLine} already has it`,
      );
    }
    lineById.set(document.id, jsonLine.line);
    documents.push(document);
  }
  if (documents.length === 0) {
    throw new DatasetError(corpusPath, null, "no documents; the file is empty");
  }
  return documents;
}

function toDocument(
  corpusPath: string,
  { line, value }: JsonLine,
): CorpusDocument {
  const fail = (message: string) => new DatasetError(corpusPath, line, message);
  if (!isPlainObject(value)) {
    throw fail(`expected a JSON object, got ${describeValue(value)}`);
  }
  const id = toId(value._id);
  if (id === null) {
    throw fail(describeFieldProblem("_id", ID_EXPECTED, value._id));
  }
  const title = readOptionalString(value.title, "title", fail);
  const text = value.text;
  if (typeof text !== "string") {
    throw fail(describeFieldProblem("text", "a string", text));
  }
  // Some BEIR corpora hold documents with an empty text; they stay, because
  // qrels may point at them and dropping them would change the benchmark.
  if (title === "") return { id, text };
  return { id, title, text: `${title}\n${text}` };
}

type FailWith = (message: string) => DatasetError;

function readOptionalString(
  value: unknown,
  field: string,
  fail: FailWith,
): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  throw fail(describeFieldProblem(field, "a string", value));
}
