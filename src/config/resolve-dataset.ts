import { type Stats, statSync } from "node:fs";
import { extname } from "node:path";
import type { DatasetSpec } from "../spec/experiment.js";
import type { ExperimentInput } from "./experiment-input.js";
import type { Resolution } from "./resolution.js";

type DatasetInput = ExperimentInput["dataset"];
type QuestionsFormat = DatasetSpec["questionsFormat"];

const QUESTION_FORMATS: Readonly<Record<string, QuestionsFormat>> = {
  ".jsonl": "jsonl",
  ".csv": "csv",
  ".yaml": "yaml",
  ".yml": "yaml",
};

const CORPUS_WORDS = "a folder of .md/.txt files or a BEIR corpus.jsonl";
const QUESTIONS_WORDS =
  "a questions file ending in .jsonl, .csv, .yaml or .yml";

/**
 * Resolves the dataset paths against the experiment's folder and infers
 * their formats from what is on disk. `null` when a problem was reported.
 */
export function resolveDataset(
  dataset: DatasetInput,
  resolution: Resolution,
): DatasetSpec | null {
  const corpus = resolveCorpus(dataset.corpus, resolution);
  const questions =
    dataset.qrels === undefined
      ? resolveQuestions(dataset.questions, resolution)
      : resolveBeirQuestions(dataset.questions, dataset.qrels, resolution);
  if (corpus === null || questions === null) return null;
  return { ...corpus, ...questions };
}

function resolveCorpus(written: string, resolution: Resolution) {
  const path = ["dataset", "corpus"];
  const corpusPath = resolution.absolutePath(written);
  const stats = statOrReport(corpusPath, path, CORPUS_WORDS, resolution);
  if (stats === null) return null;
  if (stats.isDirectory())
    return { corpusPath, corpusFormat: "folder" } as const;
  if (extname(corpusPath) === ".jsonl") {
    return { corpusPath, corpusFormat: "beir" } as const;
  }
  resolution.report(path, CORPUS_WORDS, describeFile(written));
  return null;
}

function resolveQuestions(written: string, resolution: Resolution) {
  const path = ["dataset", "questions"];
  const questionsPath = resolution.absolutePath(written);
  const stats = statOrReport(questionsPath, path, QUESTIONS_WORDS, resolution);
  if (stats === null) return null;
  const questionsFormat = QUESTION_FORMATS[extname(questionsPath)];
  if (!stats.isFile() || questionsFormat === undefined) {
    resolution.report(path, QUESTIONS_WORDS, describeFile(written, stats));
    return null;
  }
  return { questionsPath, questionsFormat, qrelsPath: null };
}

/** BEIR keeps questions in queries.jsonl and their labels in a qrels file. */
function resolveBeirQuestions(
  writtenQuestions: string,
  writtenQrels: string,
  resolution: Resolution,
) {
  const questionsWords = "a BEIR queries .jsonl file (qrels is given)";
  const questionsPath = resolution.absolutePath(writtenQuestions);
  const qrelsPath = resolution.absolutePath(writtenQrels);
  const questionsStats = statOrReport(
    questionsPath,
    ["dataset", "questions"],
    questionsWords,
    resolution,
  );
  const qrelsStats = statOrReport(
    qrelsPath,
    ["dataset", "qrels"],
    "a BEIR qrels .tsv file",
    resolution,
  );
  if (questionsStats === null || qrelsStats === null) return null;
  if (!questionsStats.isFile() || extname(questionsPath) !== ".jsonl") {
    const received = describeFile(writtenQuestions, questionsStats);
    resolution.report(["dataset", "questions"], questionsWords, received);
    return null;
  }
  if (!qrelsStats.isFile()) {
    const received = describeFile(writtenQrels, qrelsStats);
    resolution.report(["dataset", "qrels"], "a BEIR qrels .tsv file", received);
    return null;
  }
  return { questionsPath, questionsFormat: "beir", qrelsPath } as const;
}

function statOrReport(
  absolutePath: string,
  path: string[],
  expected: string,
  resolution: Resolution,
): Stats | null {
  const stats = statSync(absolutePath, { throwIfNoEntry: false });
  if (stats !== undefined) return stats;
  resolution.report(
    path,
    `${expected} that exists`,
    `a path where nothing exists (${absolutePath})`,
  );
  return null;
}

function describeFile(written: string, stats?: Stats): string {
  if (stats?.isDirectory()) return `"${written}", a folder`;
  const extension = extname(written);
  return extension === ""
    ? `"${written}", a file without an extension`
    : `"${written}", a ${extension} file`;
}
