import { DatasetError } from "../errors/index.js";
import { readLines } from "./read-lines.js";

/** Relevance judgements: query id → document id → grade. */
export type Qrels = Map<string, Record<string, number>>;

/** One judgement: a document's grade for a query. */
interface Judgement {
  queryId: string;
  documentId: string;
  score: number;
}

const INTEGER = /^-?\d+$/;
const FIELD_NAMES = "query-id, corpus-id, score";

/**
 * Reads a BEIR qrels TSV (`query-id`, `corpus-id`, `score` per line, with
 * or without BEIR's header line). Scores must be integers; the same query
 * and document judged twice is an error naming both lines.
 */
export async function readQrels(path: string): Promise<Qrels> {
  const qrels: Qrels = new Map();
  const firstLineByPair = new Map<string, number>();
  for await (const { line, text } of readLines(path)) {
    if (text.trim() === "" || isHeader(line, text)) continue;
    const judgement = parseJudgement(path, line, text);
    const pairKey = `${judgement.queryId}\t${judgement.documentId}`;
    const firstLine = firstLineByPair.get(pairKey);
    if (firstLine !== undefined) {
      throw repeatedJudgementError(path, line, judgement, firstLine);
    }
    firstLineByPair.set(pairKey, line);
    const grades = qrels.get(judgement.queryId) ?? {};
    grades[judgement.documentId] = judgement.score;
    qrels.set(judgement.queryId, grades);
  }
  return qrels;
}

function isHeader(line: number, text: string): boolean {
  return line === 1 && text.startsWith("query-id");
}

function parseJudgement(path: string, line: number, text: string): Judgement {
  const fields = text.split("\t").map((field) => field.trim());
  const [queryId, documentId, score] = fields;
  if (fields.length !== 3 || !queryId || !documentId || score === undefined) {
    const message = `expected 3 tab-separated fields (${FIELD_NAMES}), got ${fields.length}`;
    throw new DatasetError(path, line, message);
  }
  if (!INTEGER.test(score)) {
    const message = `field "score": expected an integer, got "${score}"`;
    throw new DatasetError(path, line, message);
  }
  return { queryId, documentId, score: Number(score) };
}

function repeatedJudgementError(
  path: string,
  line: number,
  judgement: Judgement,
  firstLine: number,
): DatasetError {
  const { queryId, documentId } = judgement;
  const message = `query "${queryId}" and document "${documentId}" are judged twice; line ${firstLine} judges them first`;
  return new DatasetError(path, line, message);
}
