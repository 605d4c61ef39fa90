import {
  createModelEvaluator,
  isModelEvaluatorSpec,
  type ModelEvaluatorSpec,
} from "../evaluation/judge/create-model-evaluator.js";
import type { Question } from "../spec/dataset.js";
import type {
  Cell,
  EmbedderSpec,
  EvaluatorSpec,
  JudgePromptSpec,
  JudgeSpec,
} from "../spec/experiment.js";
import { countTokens } from "../util/count-tokens.js";
import { renderTemplate } from "../util/render-template.js";
import type { CallTally, CallTarget } from "./call-tally.js";
import { countMessageTokens } from "./prompt-tokens.js";

/** What a case hands its evaluators, in tokens. */
export interface CaseTokens {
  /** Expected tokens of the answer; `null` when the cell generates none. */
  answerTokens: number | null;
  /** Tokens of the retrieved passages as prompts show them. */
  contextTokens: number;
}

export interface EvaluationPlanning {
  judge: JudgeSpec | null;
  questions: readonly Question[];
  tally: CallTally;
  /** Expected tokens of each judge reply. */
  judgeOutputTokens: number;
  caseTokensOf: (cell: Cell) => CaseTokens;
}

/**
 * The calls evaluators make while scoring: one judge call per case and
 * judge metric (more only when a reply must be asked again, which is not
 * counted), and one embedding call per case for `semantic_similarity`
 * and `answer_relevancy`. Metrics that need an answer skip cells without
 * a model, as a run does.
 */
export function planEvaluationCalls(
  planning: EvaluationPlanning,
  specs: readonly EvaluatorSpec[],
  cells: readonly Cell[],
): void {
  for (const spec of specs.filter(isModelEvaluatorSpec)) {
    const needs = createModelEvaluator(spec, planning.judge).needs;
    const scoredCells = cells
      .map((cell) => planning.caseTokensOf(cell))
      .filter((tokens) => needs !== "answer" || tokens.answerTokens !== null);
    for (const question of planning.questions) {
      const frameTokens = judgeFrameTokens(spec, question);
      for (const caseTokens of scoredCells) {
        planCaseEvaluation(planning, spec, question, frameTokens, caseTokens);
      }
    }
  }
}

/** Judge prompt tokens besides the answer and the passages. */
function judgeFrameTokens(
  spec: ModelEvaluatorSpec,
  question: Question,
): number {
  if (spec.kind === "semantic_similarity") return 0;
  return countMessageTokens(
    renderTemplate(spec.prompt.template, {
      question: question.question,
      answer: "",
      context: "",
      references: question.answers.map((answer) => `- ${answer}`).join("\n"),
    }),
  );
}

function planCaseEvaluation(
  planning: EvaluationPlanning,
  spec: ModelEvaluatorSpec,
  question: Question,
  frameTokens: number,
  caseTokens: CaseTokens,
): void {
  const answerTokens = caseTokens.answerTokens ?? 0;
  if (spec.kind === "semantic_similarity") {
    const references = question.answers.map(countTokens);
    addEmbedding(planning, spec.embedder, answerTokens + sumOf(references));
    return;
  }
  const judge = planning.judge;
  if (judge === null) return;
  addJudgeCall(planning, judge, spec.prompt, frameTokens, caseTokens);
  if (spec.kind === "judge" && spec.metric === "answer_relevancy") {
    const questionTokens = countTokens(question.question);
    addEmbedding(
      planning,
      judge.embedder,
      questionTokens + planning.judgeOutputTokens,
    );
  }
}

function addJudgeCall(
  planning: EvaluationPlanning,
  judge: JudgeSpec,
  prompt: JudgePromptSpec,
  frameTokens: number,
  caseTokens: CaseTokens,
): void {
  const inputTokens =
    frameTokens +
    (usesPlaceholder(prompt, "answer") ? (caseTokens.answerTokens ?? 0) : 0) +
    (usesPlaceholder(prompt, "context") ? caseTokens.contextTokens : 0);
  const target: CallTarget = {
    provider: judge.model.provider,
    modelId: judge.model.model,
    kind: "chat",
    purpose: "evaluation",
  };
  planning.tally.addCall(target, {
    inputTokens: Math.round(inputTokens),
    outputTokens: planning.judgeOutputTokens,
  });
}

function addEmbedding(
  planning: EvaluationPlanning,
  embedder: EmbedderSpec,
  inputTokens: number,
): void {
  const target: CallTarget = {
    provider: embedder.provider,
    modelId: embedder.model,
    kind: "embedding",
    purpose: "evaluation",
  };
  planning.tally.addCall(target, {
    inputTokens: Math.round(inputTokens),
    outputTokens: 0,
  });
}

function usesPlaceholder(prompt: JudgePromptSpec, name: string): boolean {
  return new RegExp(`\\{\\{\\s*${name}\\s*\\}\\}`).test(prompt.template);
}

function sumOf(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
