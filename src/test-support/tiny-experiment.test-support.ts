import {
  type CliProject,
  createCliProject,
  jsonLines,
} from "./cli-project.test-support.js";

// Three documents with disjoint vocabulary, so BM25 ranks the right one
// first and the reader's best sentence holds the answer; the fourth
// question's answer is in no document, so it scores 0.
const DOCUMENTS: Record<string, string> = {
  "leave.md":
    "# Annual leave\n\nEmployees receive 25 days of annual leave each year. Unused days expire in March.\n",
  "laptop.md":
    "# Laptops\n\nEvery engineer gets a laptop with 32 GB of memory. Laptops are replaced every three years.\n",
  "parking.md":
    "# Parking\n\nThe office car park has 40 spaces. Bicycles go in the basement.\n",
};

export const TINY_QUESTIONS = [
  {
    id: "q1",
    question: "How many days of annual leave do employees receive?",
    answers: ["25 days"],
    relevant: ["leave"],
  },
  {
    id: "q2",
    question: "How much memory does an engineer's laptop have?",
    answers: ["32 GB"],
    relevant: ["laptop"],
  },
  {
    id: "q3",
    question: "How many spaces does the car park have?",
    answers: ["40 spaces"],
    relevant: ["parking"],
  },
  {
    id: "q4",
    question: "What colour | shape is the office door?",
    answers: ["green"],
    relevant: ["parking"],
  },
];

export const TINY_EXPERIMENT = `name: tiny
dataset:
  corpus: docs
  questions: questions.jsonl
models:
  reader: { provider: local, model: extractive }
matrix:
  chunking:
    - { strategy: none }
  embedder: [local:bm25]
  top_k: [1, 2]
  model: [reader]
evaluators: [contains, recall@1, ndcg@2]
`;

/**
 * A project folder holding the tiny experiment: two cells (top_k 1 and 2)
 * of the local reader over `questions` (all four unless given).
 */
export function createTinyProject(
  questions: readonly object[] = TINY_QUESTIONS,
): CliProject {
  return createCliProject({
    ...tinyDocuments(),
    "questions.jsonl": jsonLines(questions),
    "experiment.yaml": TINY_EXPERIMENT,
  });
}

/** The documents by path inside a project folder. */
function tinyDocuments(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(DOCUMENTS).map(([name, text]) => [`docs/${name}`, text]),
  );
}
