import { describe, expect, it } from "vitest";
import type { Question } from "../spec/index.js";
import { findUnknownRelevantIds } from "./validate-relevance.js";

describe("findUnknownRelevantIds", () => {
  const corpus = {
    documents: [
      { id: "leave", text: "Twenty days." },
      { id: "travel", text: "Book early." },
    ],
  };

  it("lists relevant ids the corpus lacks, zero grades included", () => {
    const questions: Question[] = [
      {
        id: "q1",
        question: "How many leave days?",
        answers: ["Twenty"],
        relevant: { leave: 1, "old-leave": 2 },
      },
      { id: "q2", question: "Who books?", answers: [], relevant: {} },
      {
        id: "q3",
        question: "When to book?",
        answers: [],
        relevant: { travel: 1, archive: 0 },
      },
    ];

    expect(findUnknownRelevantIds(questions, corpus)).toEqual([
      { questionId: "q1", documentId: "old-leave" },
      { questionId: "q3", documentId: "archive" },
    ]);
  });

  it("is empty when every label points at a document", () => {
    const questions: Question[] = [
      { id: "q1", question: "?", answers: [], relevant: { travel: 1 } },
    ];
    expect(findUnknownRelevantIds(questions, corpus)).toEqual([]);
  });
});
