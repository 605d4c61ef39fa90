import type { Corpus, Question } from "../spec/index.js";

/** A relevance label that points at a document the corpus lacks. */
export interface UnknownRelevantId {
  questionId: string;
  documentId: string;
}

/**
 * Relevant document ids that no corpus document carries, in question
 * order. Such labels can never be retrieved, so they cap recall below 1;
 * the caller decides whether to warn or refuse.
 */
export function findUnknownRelevantIds(
  questions: readonly Question[],
  corpus: Pick<Corpus, "documents">,
): UnknownRelevantId[] {
  const knownIds = new Set(corpus.documents.map((document) => document.id));
  const unknown: UnknownRelevantId[] = [];
  for (const question of questions) {
    for (const documentId of Object.keys(question.relevant)) {
      if (!knownIds.has(documentId)) {
        unknown.push({ questionId: question.id, documentId });
      }
    }
  }
  return unknown;
}
