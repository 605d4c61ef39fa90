import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../../cli/main.js";
import { captureIo } from "../../test-support/capture-io.js";

// Three documents with disjoint vocabulary, so BM25 ranks the right one
// first; the fourth question's answer is in no document, so it scores 0.
export const DOCUMENTS: Record<string, string> = {
  "leave.md":
    "# Annual leave\n\nEmployees receive 25 days of annual leave each year. Unused days expire in March.\n",
  "laptop.md":
    "# Laptops\n\nEvery engineer gets a laptop with 32 GB of memory. Laptops are replaced every three years.\n",
  "parking.md":
    "# Parking\n\nThe office car park has 40 spaces. Bicycles go in the basement.\n",
};

const QUESTIONS = [
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

const EXPERIMENT = `name: tiny
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

/** A folder holding the tiny experiment, and fmops run inside it. */
export interface TinyProject {
  folder: string;
  dbPath: string;
  fmops(
    argv: string[],
    env?: Record<string, string>,
  ): Promise<{ exitCode: number; stdout: string; stderr: string }>;
  /** Rewrites one document, so a second run answers differently. */
  writeDocument(name: string, text: string): void;
  remove(): void;
}

export function createTinyProject(): TinyProject {
  const folder = mkdtempSync(join(tmpdir(), "fmops-report-"));
  mkdirSync(join(folder, "docs"));
  const writeDocument = (name: string, text: string) =>
    writeFileSync(join(folder, "docs", name), text);
  for (const [name, text] of Object.entries(DOCUMENTS)) {
    writeDocument(name, text);
  }
  writeFileSync(
    join(folder, "questions.jsonl"),
    `${QUESTIONS.map((question) => JSON.stringify(question)).join("\n")}\n`,
  );
  writeFileSync(join(folder, "experiment.yaml"), EXPERIMENT);
  const dbPath = join(folder, "results.db");
  return {
    folder,
    dbPath,
    writeDocument,
    fmops: async (argv, env = {}) => {
      const io = captureIo(folder, {
        FMOPS_DB: dbPath,
        FMOPS_CACHE_DIR: join(folder, "cache"),
        ...env,
      });
      const exitCode = await runCli(argv, io);
      return { exitCode, stdout: io.stdoutText(), stderr: io.stderrText() };
    },
    remove: () => rmSync(folder, { recursive: true, force: true }),
  };
}
