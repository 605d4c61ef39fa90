import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FmopsError } from "../../errors/index.js";
import type { EvaluationCase } from "../../spec/index.js";
import { NO_EVALUATION_TOOLS } from "../evaluation-tools.test-support.js";
import { loadModuleEvaluator } from "./module-evaluator.js";

const ANSWER_LENGTH_PATH = resolve("fixtures/evaluators/answer-length.mjs");
const temporaryFolder = mkdtempSync(join(tmpdir(), "fmops-module-eval-"));

afterAll(() => rmSync(temporaryFolder, { recursive: true, force: true }));

function caseWithAnswer(answer: string | null): EvaluationCase {
  const question = { id: "q1", question: "Why?", answers: [], relevant: {} };
  return {
    cellKey: "cell-1",
    question,
    answer,
    hits: [],
    retrievedDocumentIds: [],
    tools: NO_EVALUATION_TOOLS,
  };
}

function writeModule(fileName: string, source: string): string {
  const modulePath = join(temporaryFolder, fileName);
  writeFileSync(modulePath, source);
  return modulePath;
}

describe("loadModuleEvaluator", () => {
  it("scores with the fixture's answer-length function", async () => {
    const evaluator = await loadModuleEvaluator({
      name: "concise",
      modulePath: ANSWER_LENGTH_PATH,
      exportName: "answerLength",
    });
    expect(evaluator).toMatchObject({ name: "concise", needs: "answer" });
    expect(evaluator.evaluate(caseWithAnswer("Short and sweet."))).toBe(1);
    // 40 words: 20 over the limit of 20, over a 40-word slope → 0.5.
    const fortyWords = Array.from({ length: 40 }, () => "word").join(" ");
    expect(evaluator.evaluate(caseWithAnswer(fortyWords))).toBe(0.5);
    expect(evaluator.evaluate(caseWithAnswer(null))).toBeNull();
  });

  it("loads a TypeScript default export and passes null through", async () => {
    const modulePath = writeModule(
      "mentions-question.ts",
      "export default (input: { answer: string }): number | null =>\n" +
        "  input.answer === 'skip' ? null : input.answer.length > 3 ? 1 : 0;\n",
    );
    const evaluator = await loadModuleEvaluator({
      name: "long_enough",
      modulePath,
      exportName: "default",
    });
    expect(evaluator.evaluate(caseWithAnswer("Paris"))).toBe(1);
    expect(evaluator.evaluate(caseWithAnswer("no"))).toBe(0);
    expect(evaluator.evaluate(caseWithAnswer("skip"))).toBeNull();
  });

  it("refuses an async function, naming module, export and value", async () => {
    const modulePath = writeModule(
      "async-score.mjs",
      "export async function score() { return 1; }\n",
    );
    const evaluator = await loadModuleEvaluator({
      name: "slow",
      modulePath,
      exportName: "score",
    });
    const evaluate = () => evaluator.evaluate(caseWithAnswer("x"));
    expect(evaluate).toThrow(FmopsError);
    expect(evaluate).toThrow(
      `evaluator "slow": export "score" of ${modulePath} returned a ` +
        "Promise (it must not be async)",
    );
  });

  it("refuses scores outside [0, 1] and non-numbers", async () => {
    const modulePath = writeModule(
      "bad-scores.mjs",
      "export const seven = () => 7;\nexport const text = () => 'good';\n",
    );
    const seven = await loadModuleEvaluator({
      name: "seven",
      modulePath,
      exportName: "seven",
    });
    expect(() => seven.evaluate(caseWithAnswer("x"))).toThrow(
      /export "seven" of .*bad-scores\.mjs returned 7; expected a number in \[0, 1\]/,
    );
    const text = await loadModuleEvaluator({
      name: "text",
      modulePath,
      exportName: "text",
    });
    expect(() => text.evaluate(caseWithAnswer("x"))).toThrow(
      /returned "good" \(string\)/,
    );
  });

  it("explains a missing export, a non-function and a missing file", async () => {
    const load = (exportName: string, modulePath = ANSWER_LENGTH_PATH) =>
      loadModuleEvaluator({ name: "m", modulePath, exportName });
    await expect(load("nope")).rejects.toThrow(
      /found nothing \(exports: answerLength\)/,
    );
    const constantPath = writeModule(
      "constant.mjs",
      "export const half = 0.5;\n",
    );
    await expect(load("half", constantPath)).rejects.toThrow(
      /should be a function \(input\) => number \| null, found a number/,
    );
    await expect(
      load("default", join(temporaryFolder, "absent.mjs")),
    ).rejects.toThrow(/evaluator "m": cannot load .*absent\.mjs/);
  });
});
