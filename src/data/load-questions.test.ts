import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { DatasetError } from "../errors/index.js";
import { loadQuestions, type QuestionFormat } from "./load-questions.js";

const SCIFACT = fileURLToPath(
  new URL("../../../shared/datasets/scifact", import.meta.url),
);

const folders: string[] = [];

afterEach(() => {
  for (const folder of folders.splice(0)) {
    rmSync(folder, { recursive: true, force: true });
  }
});

/** Writes `content` to `name` in a fresh temporary folder; returns its path. */
function writeFile(name: string, content: string): string {
  const root = mkdtempSync(join(tmpdir(), "fmops-questions-"));
  folders.push(root);
  writeFileSync(join(root, name), content);
  return join(root, name);
}

async function loadError(
  path: string,
  format: QuestionFormat,
  qrelsPath: string | null = null,
): Promise<DatasetError> {
  const error = await loadQuestions({ path, format, qrelsPath }).catch(
    (caught) => caught,
  );
  expect(error).toBeInstanceOf(DatasetError);
  return error as DatasetError;
}

/** The same three questions, as every format below writes them. */
const HANDBOOK_QUESTIONS = [
  {
    id: "q1",
    question: "How many leave days do I get?",
    answers: ["Twenty days", "20"],
    relevant: { "policies/leave": 1 },
  },
  {
    id: "7",
    question: "Who approves travel?",
    answers: ["your manager"],
    relevant: { "policies/travel": 2, faq: 0 },
  },
  { id: "q3", question: "Is there a gym?", answers: [], relevant: {} },
];

// Canonical JSON written out by hand: keys sorted at every depth, so
// "faq" comes before "policies/travel".
const HANDBOOK_HASH = createHash("sha256")
  .update(
    '[{"answers":["Twenty days","20"],"id":"q1","question":"How many leave days do I get?","relevant":{"policies/leave":1}},' +
      '{"answers":["your manager"],"id":"7","question":"Who approves travel?","relevant":{"faq":0,"policies/travel":2}},' +
      '{"answers":[],"id":"q3","question":"Is there a gym?","relevant":{}}]',
  )
  .digest("hex");

describe("loadQuestions: jsonl", () => {
  const lines = [
    '{"id": "q1", "question": "How many leave days do I get?", "answers": ["Twenty days", "20"], "relevant": ["policies/leave"]}',
    "",
    '{"id": 7, "question": "Who approves travel?", "answers": "your manager", "relevant": {"policies/travel": 2, "faq": 0}}',
    '{"id": "q3", "question": "Is there a gym?", "answers": null}',
  ];

  it("reads ids, answers and graded relevance", async () => {
    const path = writeFile("qa.jsonl", `${lines.join("\n")}\n`);
    const set = await loadQuestions({ path, format: "jsonl", qrelsPath: null });

    expect(set.questions).toEqual(HANDBOOK_QUESTIONS);
    expect(set.contentHash).toBe(HANDBOOK_HASH);
    expect(set.sourcePath).toBe(path);
  });

  it.each([
    [
      '{"id": "a", "question": "ok"}\n{"id": "b", "question": ',
      2,
      "not a valid JSON line",
    ],
    ['{"id": "a"}', 1, 'missing field "question" (a non-empty string)'],
    [
      '{"id": "a", "question": 42}',
      1,
      'field "question": expected a non-empty string, got 42 (number)',
    ],
    [
      '{"id": "a", "question": "  "}',
      1,
      'field "question": expected a non-empty string, got "  " (string)',
    ],
    [
      '{"question": "q"}',
      1,
      'missing field "id" (a non-empty string or a number)',
    ],
    [
      '{"id": "a", "question": "q", "answers": [1]}',
      1,
      'field "answers[0]": expected a non-empty string, got 1 (number)',
    ],
    [
      '{"id": "a", "question": "q", "answers": {"x": 1}}',
      1,
      'field "answers": expected a list of strings or one string',
    ],
    [
      '{"id": "a", "question": "q", "relevant": {"doc": -1}}',
      1,
      'field "relevant.doc": expected a non-negative integer grade, got -1 (number)',
    ],
    [
      '{"id": "a", "question": "q", "relevant": {"doc": 1.5}}',
      1,
      'field "relevant.doc": expected a non-negative integer grade, got 1.5 (number)',
    ],
    [
      '{"id": "a", "question": "q", "relevant": [null]}',
      1,
      'field "relevant[0]": expected a document id',
    ],
    [
      '{"id": "a", "question": "q", "relevant": "doc"}',
      1,
      'field "relevant": expected a list of document ids or a mapping',
    ],
    [
      '{"id": "a", "question": "q", "answer": "x"}',
      1,
      'unknown field "answer"; a question has id, question, answers, relevant',
    ],
    ['"just text"', 1, 'expected a question object, got "just text" (string)'],
    [
      '{"id": "a", "question": "q"}\n\n{"id": "a", "question": "r"}',
      3,
      'duplicate question id "a"; line 1 already has it',
    ],
    [
      '{"id": "a", "question": "q"}\n{"id": "a#2", "question": "r"}',
      2,
      'question id "a#2" ends in "#" and a number, which names a repeat',
    ],
  ])("reports %j at line %i", async (content, line, message) => {
    const path = writeFile("qa.jsonl", content);
    const error = await loadError(path, "jsonl");

    expect(error.file).toBe(path);
    expect(error.line).toBe(line);
    expect(error.message).toContain(message);
  });

  it("refuses a file without questions", async () => {
    const path = writeFile("qa.jsonl", "\n  \n");
    const error = await loadError(path, "jsonl");

    expect(error.file).toBe(path);
    expect(error.message).toContain("no questions");
  });

  it("names a file that does not exist", async () => {
    const path = join(writeFile("other.txt", ""), "..", "missing.jsonl");
    const error = await loadError(path, "jsonl");

    expect(error.message).toContain("cannot read");
    expect(error.message).toContain("missing.jsonl");
  });
});

describe("loadQuestions: csv", () => {
  const csv = [
    "id,question,answers,relevant",
    "q1,How many leave days do I get?,Twenty days | 20,policies/leave",
    "",
    '7,"Who approves travel?",your manager,policies/travel:2|faq:0',
    "q3,Is there a gym?,,",
  ].join("\r\n");

  it("splits answers and relevant ids on | and reads grades", async () => {
    const path = writeFile("qa.csv", csv);
    const set = await loadQuestions({ path, format: "csv", qrelsPath: null });

    expect(set.questions).toEqual(HANDBOOK_QUESTIONS);
    expect(set.contentHash).toBe(HANDBOOK_HASH);
  });

  it("needs only the id and question columns", async () => {
    const path = writeFile("qa.csv", "question,id\nWhat is fmops?,1\n");
    const set = await loadQuestions({ path, format: "csv", qrelsPath: null });

    expect(set.questions).toEqual([
      { id: "1", question: "What is fmops?", answers: [], relevant: {} },
    ]);
  });

  it("counts the lines of a quoted cell that spans lines", async () => {
    // Record "a" covers lines 2-3, so record "b" starts on line 4.
    const content = 'id,question\na,"first line\nsecond line"\nb,\n';
    const path = writeFile("qa.csv", content);
    const error = await loadError(path, "csv");

    expect(error.line).toBe(4);
    expect(error.message).toContain(
      'field "question": expected a non-empty string, got "" (string)',
    );
  });

  it.each([
    [
      "id,question,notes,extra\n1,q,x,y",
      1,
      'unknown column "notes", "extra"; allowed columns are id, question, answers, relevant',
    ],
    ["id,answers\n1,x", 1, 'missing column "question"'],
    ["id,question,id\n1,q,2", 1, 'column "id" appears twice'],
    ["id,question\n1,q\n2,q,extra", 3, "not valid CSV"],
    [
      "id,question,relevant\n1,q,doc:1.5",
      2,
      'column "relevant": expected "id:grade" with a non-negative integer grade, got "doc:1.5"',
    ],
    [
      "id,question,relevant\n1,q,doc|doc:2",
      2,
      'column "relevant": document "doc" is listed twice',
    ],
    [
      "id,question\n1,q\n2,r\n1,s",
      4,
      'duplicate question id "1"; line 2 already has it',
    ],
  ])("reports %j at line %i", async (content, line, message) => {
    const path = writeFile("qa.csv", content);
    const error = await loadError(path, "csv");

    expect(error.file).toBe(path);
    expect(error.line).toBe(line);
    expect(error.message).toContain(message);
  });

  it("refuses an empty file and a header without rows", async () => {
    const empty = await loadError(writeFile("qa.csv", ""), "csv");
    const headerOnly = await loadError(
      writeFile("qa.csv", "id,question\n"),
      "csv",
    );

    expect(empty.message).toContain("empty file; expected a header row");
    expect(headerOnly.message).toContain("no questions");
  });
});

describe("loadQuestions: yaml", () => {
  const yaml = [
    "# handbook questions",
    "questions:",
    "  - id: q1",
    "    question: How many leave days do I get?",
    '    answers: [Twenty days, "20"]',
    "    relevant: [policies/leave]",
    "  - id: 7",
    "    question: Who approves travel?",
    "    answers: your manager",
    "    relevant: { policies/travel: 2, faq: 0 }",
    "  - id: q3",
    "    question: Is there a gym?",
  ].join("\n");

  it("reads a mapping with a questions list", async () => {
    const path = writeFile("qa.yaml", yaml);
    const set = await loadQuestions({ path, format: "yaml", qrelsPath: null });

    expect(set.questions).toEqual(HANDBOOK_QUESTIONS);
    expect(set.contentHash).toBe(HANDBOOK_HASH);
  });

  it("reads a bare list, aliases resolved", async () => {
    const content = [
      "- id: a",
      "  question: Where is the office?",
      "  answers: &office [Berlin]",
      "- id: b",
      "  question: Which city hosts the office?",
      "  answers: *office",
    ].join("\n");
    const path = writeFile("qa.yml", content);
    const set = await loadQuestions({ path, format: "yaml", qrelsPath: null });

    expect(set.questions.map((question) => question.answers)).toEqual([
      ["Berlin"],
      ["Berlin"],
    ]);
  });

  it.each([
    [
      "- id: a\n  question: ok\n- id: b\n  question: [not, text]\n",
      4,
      'field "question": expected a non-empty string, got ["not","text"] (array)',
    ],
    [
      "- id: a\n  question: ok\n- id: b\n  answers: [x]\n",
      3,
      'missing field "question"',
    ],
    [
      "- id: a\n  question: ok\n  relevant:\n    doc: high\n",
      4,
      'field "relevant.doc": expected a non-negative integer grade, got "high" (string)',
    ],
    [
      "- id: a\n  question: ok\n- id: a\n  question: again\n",
      3,
      'duplicate question id "a"; line 1 already has it',
    ],
    ["- id: a\n  question: ok\n  question: twice\n", 3, "not valid YAML"],
  ])("reports %j at line %i", async (content, line, message) => {
    const path = writeFile("qa.yaml", content);
    const error = await loadError(path, "yaml");

    expect(error.file).toBe(path);
    expect(error.line).toBe(line);
    expect(error.message).toContain(message);
  });

  it("refuses an empty file, a wrong layout and an empty list", async () => {
    const empty = await loadError(writeFile("qa.yaml", "# nothing\n"), "yaml");
    const scalar = await loadError(writeFile("qa.yaml", "just text\n"), "yaml");
    const none = await loadError(
      writeFile("qa.yaml", "questions: []\n"),
      "yaml",
    );

    expect(empty.message).toContain("empty file; expected a list of questions");
    expect(scalar.message).toContain("wrong layout");
    expect(none.message).toContain("no questions");
  });
});

describe("loadQuestions: beir", () => {
  const queries = [
    '{"_id": "1", "text": "Does aspirin thin the blood?"}',
    '{"_id": 2, "text": "Only judged non-relevant", "metadata": {}}',
    '{"_id": "3", "text": "Is coffee a diuretic?"}',
    '{"_id": "4", "text": "Never judged"}',
  ].join("\n");
  const qrels = [
    "query-id\tcorpus-id\tscore",
    "1\td1\t1",
    "2\td2\t0",
    "3\td3\t2",
    "3\td4\t0",
    "9\td9\t1",
  ];

  it("keeps queries with a positive judgement, grades as scored", async () => {
    const path = writeFile("queries.jsonl", queries);
    const qrelsPath = writeFile("test.tsv", qrels.join("\n"));
    const set = await loadQuestions({ path, format: "beir", qrelsPath });

    expect(set.questions).toEqual([
      {
        id: "1",
        question: "Does aspirin thin the blood?",
        answers: [],
        relevant: { d1: 1 },
      },
      {
        id: "3",
        question: "Is coffee a diuretic?",
        answers: [],
        relevant: { d3: 2, d4: 0 },
      },
    ]);
  });

  it("reads qrels without a header line", async () => {
    const path = writeFile("queries.jsonl", queries);
    const qrelsPath = writeFile("test.tsv", qrels.slice(1).join("\r\n"));
    const set = await loadQuestions({ path, format: "beir", qrelsPath });

    expect(set.questions.map((question) => question.id)).toEqual(["1", "3"]);
  });

  it.each([
    [
      "query-id\tcorpus-id\tscore\n1\td1\t1\n1\td2\t1.0",
      3,
      'field "score": expected an integer, got "1.0"',
    ],
    [
      "1\td1\t1\n1 d2 1",
      2,
      "expected 3 tab-separated fields (query-id, corpus-id, score), got 1",
    ],
    [
      "1\td1\t1\n\n1\td1\t2",
      3,
      'query "1" and document "d1" are judged twice; line 1 judges them first',
    ],
  ])("reports qrels %j at line %i", async (content, line, message) => {
    const path = writeFile("queries.jsonl", queries);
    const qrelsPath = writeFile("test.tsv", content);
    const error = await loadError(path, "beir", qrelsPath);

    expect(error.file).toBe(qrelsPath);
    expect(error.line).toBe(line);
    expect(error.message).toContain(message);
  });

  it("reports a query without text at its line", async () => {
    const path = writeFile("queries.jsonl", `${queries}\n{"_id": "5"}`);
    const qrelsPath = writeFile("test.tsv", qrels.join("\n"));
    const error = await loadError(path, "beir", qrelsPath);

    expect(error.file).toBe(path);
    expect(error.line).toBe(5);
    expect(error.message).toContain('missing field "text"');
  });

  it("needs a qrels file and at least one positive judgement", async () => {
    const path = writeFile("queries.jsonl", queries);
    const noQrels = await loadError(path, "beir", null);
    const zeros = writeFile("test.tsv", "1\td1\t0\n3\td3\t0\n");
    const noPositive = await loadError(path, "beir", zeros);

    expect(noQrels.message).toContain("need a qrels file");
    expect(noPositive.message).toContain(
      "no query has a qrels judgement above 0",
    );
  });

  it.skipIf(!existsSync(SCIFACT))(
    "loads the SciFact test queries",
    async () => {
      const set = await loadQuestions({
        path: join(SCIFACT, "queries.jsonl"),
        format: "beir",
        qrelsPath: join(SCIFACT, "qrels/test.tsv"),
      });
      const judgementCount = set.questions.reduce(
        (count, question) => count + Object.keys(question.relevant).length,
        0,
      );

      expect(set.questions).toHaveLength(300);
      expect(judgementCount).toBe(339);
      expect(set.questions.find((question) => question.id === "1")).toEqual({
        id: "1",
        question: "0-dimensional biomaterials show inductive properties.",
        answers: [],
        relevant: { "31715818": 1 },
      });
    },
  );
});
