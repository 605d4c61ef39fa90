import { repeatQuestionId } from "../evaluation/repeat-ids.js";
import type { Question } from "../spec/dataset.js";
import type { CaseSelection } from "../spec/experiment.js";
import { createSeededRandom } from "../statistics/seeded-random.js";

/** Every question once: what a run without selection flags asks. */
export const ALL_QUESTIONS_ONCE: CaseSelection = {
  sampleSize: null,
  seed: 1,
  repeat: 1,
  filters: [],
};

/**
 * The questions a run asks every cell: a seeded sample of the data set
 * (in data set order, so the same seed and data give the same sample), each
 * repeated `repeat` times. Repeat r ≥ 2 of question `q` has the id `q#r`,
 * so each repeat is a case of its own; repeat 1 keeps the plain id and
 * pairs with runs that did not repeat.
 */
export function selectQuestions(
  questions: readonly Question[],
  selection: CaseSelection = ALL_QUESTIONS_ONCE,
): Question[] {
  const sampled = sampleQuestions(questions, selection);
  return sampled.flatMap((question) =>
    Array.from({ length: selection.repeat }, (_, index) => ({
      ...question,
      id: repeatQuestionId(question.id, index + 1),
    })),
  );
}

function sampleQuestions(
  questions: readonly Question[],
  selection: CaseSelection,
): readonly Question[] {
  const size = selection.sampleSize;
  if (size === null || size >= questions.length) return questions;
  // A partial Fisher–Yates shuffle of the positions draws `size` of them.
  const random = createSeededRandom(selection.seed);
  const positions = questions.map((_, index) => index);
  for (let index = 0; index < size; index += 1) {
    const pick = index + Math.floor(random() * (positions.length - index));
    const chosen = positions[pick] ?? index;
    positions[pick] = positions[index] ?? pick;
    positions[index] = chosen;
  }
  return positions
    .slice(0, size)
    .sort((left, right) => left - right)
    .flatMap((position) => questions[position] ?? []);
}
