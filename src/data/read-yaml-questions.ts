import {
  type Document,
  isMap,
  isNode,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type YAMLSeq,
} from "yaml";
import { DatasetError } from "../errors/index.js";
import { isPlainObject } from "./is-plain-object.js";
import type { LocatedQuestion } from "./located-question.js";
import { parseQuestionRecord } from "./parse-question-record.js";
import { readTextFile } from "./read-text-file.js";

/**
 * Questions of a YAML file: a list of question mappings, or a mapping whose
 * `questions:` key holds that list. Errors point at the line of the field
 * at fault, or of the item when the field is missing.
 */
export async function readYamlQuestions(
  path: string,
): Promise<LocatedQuestion[]> {
  const lineCounter = new LineCounter();
  const document = parseDocument(await readTextFile(path), { lineCounter });
  rejectSyntaxErrors(path, document);
  const list = findQuestionList(path, document);
  // Plain values come from the whole document so aliases resolve.
  const values = toPlainList(document);
  const lineOfNode = (node: unknown): number | null =>
    isNode(node) && node.range ? lineCounter.linePos(node.range[0]).line : null;
  return list.items.map((item, index) => {
    const line = lineOfNode(item) ?? lineOfNode(list) ?? 1;
    const location = {
      file: path,
      lineOf: (field: string | null) =>
        lineOfNode(findFieldNode(item, field)) ?? line,
    };
    const question = parseQuestionRecord(values[index], location);
    return { question, line };
  });
}

function rejectSyntaxErrors(path: string, document: Document): void {
  const error = document.errors[0];
  if (error === undefined) return;
  const line = error.linePos?.[0].line ?? null;
  const reason = error.message.split("\n")[0] ?? error.message;
  throw new DatasetError(path, line, `not valid YAML (${reason})`, {
    cause: error,
  });
}

function findQuestionList(path: string, document: Document): YAMLSeq {
  const root = document.contents;
  if (isSeq(root)) return root;
  const nested = isMap(root) ? root.get("questions", true) : undefined;
  if (isSeq(nested)) return nested;
  const expected = "a list of questions, or a mapping with a `questions:` list";
  const problem = root === null ? "empty file" : "wrong layout";
  throw new DatasetError(path, null, `${problem}; expected ${expected}`);
}

function toPlainList(document: Document): unknown[] {
  const plain: unknown = document.toJS();
  if (Array.isArray(plain)) return plain;
  const nested = isPlainObject(plain) ? plain.questions : undefined;
  return Array.isArray(nested) ? nested : [];
}

/** The value node of `field` (or its key, when it has no value). */
function findFieldNode(item: unknown, field: string | null): unknown {
  if (field === null || !isMap(item)) return undefined;
  const pair = item.items.find(
    (candidate) => isScalar(candidate.key) && candidate.key.value === field,
  );
  return pair?.value ?? pair?.key;
}
