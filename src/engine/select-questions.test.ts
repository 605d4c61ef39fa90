import { describe, expect, it } from "vitest";
import type { Question } from "../spec/dataset.js";
import { selectQuestions } from "./select-questions.js";

const questions: Question[] = Array.from({ length: 10 }, (_, index) => ({
  id: `q${index}`,
  question: `question ${index}?`,
  answers: [],
  relevant: {},
}));

const ids = (selected: Question[]) => selected.map((question) => question.id);

describe("selectQuestions", () => {
  it("asks every question once without a selection", () => {
    expect(ids(selectQuestions(questions))).toEqual(ids(questions));
  });

  it("draws a seeded sample, in data set order, the same for a seed", () => {
    const selection = { sampleSize: 4, seed: 7, repeat: 1, filters: [] };
    const sample = ids(selectQuestions(questions, selection));
    const again = ids(selectQuestions(questions, selection));
    const other = ids(selectQuestions(questions, { ...selection, seed: 8 }));

    expect(sample).toHaveLength(4);
    expect(new Set(sample).size).toBe(4);
    expect(again).toEqual(sample);
    expect(other).not.toEqual(sample);
    const positions = sample.map((id) => Number(id.slice(1)));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it("keeps every question when the sample is as large as the data set", () => {
    const selection = { sampleSize: 25, seed: 1, repeat: 1, filters: [] };
    expect(ids(selectQuestions(questions, selection))).toEqual(ids(questions));
  });

  it("repeats each question under ids that name the repeat", () => {
    const selection = { sampleSize: null, seed: 1, repeat: 3, filters: [] };
    const selected = selectQuestions(questions.slice(0, 2), selection);

    expect(ids(selected)).toEqual(["q0", "q0#2", "q0#3", "q1", "q1#2", "q1#3"]);
    expect(selected[1]?.question).toBe("question 0?");
  });
});
