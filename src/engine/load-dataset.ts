import { loadCorpus } from "../data/load-corpus.js";
import { loadQuestions } from "../data/load-questions.js";
import { findUnknownRelevantIds } from "../data/validate-relevance.js";
import type { Corpus, QuestionSet } from "../spec/dataset.js";
import type { DatasetSpec } from "../spec/experiment.js";
import { sha256 } from "../util/hash.js";

export interface Dataset {
  corpus: Corpus;
  questions: QuestionSet;
  /** sha256 over the corpus and question hashes. */
  contentHash: string;
  /** Problems worth telling the user that do not stop the run. */
  warnings: string[];
}

/** Reads the corpus and the questions, and checks that they fit together. */
export async function loadDataset(spec: DatasetSpec): Promise<Dataset> {
  const [corpus, questions] = await Promise.all([
    loadCorpus(spec.corpusPath, spec.corpusFormat),
    loadQuestions({
      path: spec.questionsPath,
      format: spec.questionsFormat,
      qrelsPath: spec.qrelsPath,
    }),
  ]);
  return {
    corpus,
    questions,
    contentHash: sha256(`${corpus.contentHash}:${questions.contentHash}`),
    warnings: relevanceWarnings(corpus, questions),
  };
}

function relevanceWarnings(corpus: Corpus, questions: QuestionSet): string[] {
  const unknown = findUnknownRelevantIds(questions.questions, corpus);
  if (unknown.length === 0) return [];
  const examples = unknown
    .slice(0, 3)
    .map((entry) => `${entry.questionId} → ${entry.documentId}`)
    .join(", ");
  return [
    `${unknown.length} relevant document id(s) in ${questions.sourcePath} ` +
      `are not in the corpus (e.g. ${examples}); they count as missed.`,
  ];
}
