import { afterEach, describe, expect, it } from "vitest";
import {
  type RunningFakeServer,
  startFakeServer,
} from "../../fake-server/start-fake-server.js";
import { OpenAiChatModel } from "../../providers/openai/openai-chat-model.js";
import { FixedEmbeddingModel } from "../../retrieval/fixed-embedding-model.test-support.js";
import type { EvaluationCase, EvaluationResult } from "../../spec/evaluator.js";
import type {
  EmbedderSpec,
  EvaluatorSpec,
  JudgeMetric,
  JudgeSpec,
} from "../../spec/experiment.js";
import { createModelEvaluator } from "./create-model-evaluator.js";
import { readJudgePrompt, rubricPrompt } from "./judge-prompts.js";

const EMBEDDER: EmbedderSpec = {
  id: "test:fixed",
  provider: "test",
  model: "fixed",
  settings: {},
};

const QUESTION = "How many days of leave do employees get?";

let server: RunningFakeServer | undefined;
/** The last user message of every request the judge received. */
let received: string[] = [];

afterEach(async () => {
  await server?.close();
  server = undefined;
  received = [];
});

/** A judge on the fake server answering each request with `reply`. */
async function judgeReplying(
  reply: (lastUserMessage: string) => string,
  parseRetries = 1,
): Promise<{ settings: JudgeSpec; model: OpenAiChatModel }> {
  server = await startFakeServer({
    reply: (message) => {
      received.push(message);
      return reply(message);
    },
  });
  const model = {
    alias: "judge",
    provider: "openai",
    model: "gpt-4o-mini",
    temperature: 0,
    settings: { baseUrl: `${server.url}/v1`, stream: false },
  };
  const chat = new OpenAiChatModel(model, { env: { OPENAI_API_KEY: "sk" } });
  return {
    settings: { model, embedder: EMBEDDER, parseRetries },
    model: chat,
  };
}

function caseOf(
  judge: OpenAiChatModel | null,
  overrides: Partial<EvaluationCase> = {},
  embedder = new FixedEmbeddingModel({ vectors: {}, dimensions: 2 }),
): EvaluationCase {
  const texts = ["Employees get 25 days.", "Leave is booked in HR.", "Pay."];
  return {
    cellKey: "cell-1",
    question: {
      id: "q1",
      question: QUESTION,
      answers: ["25 days of leave a year"],
      relevant: {},
    },
    answer: "Employees get 25 days of leave, booked in the HR tool.",
    hits: texts.map((text, index) => ({
      chunkId: `c${index}`,
      documentId: `d${index}`,
      text,
      score: 1,
    })),
    retrievedDocumentIds: ["d0", "d1", "d2"],
    tools: { judge, embedder: async () => embedder },
    ...overrides,
  };
}

function judgeSpec(metric: JudgeMetric): EvaluatorSpec {
  return {
    kind: "judge",
    name: metric,
    metric,
    prompt: readJudgePrompt(metric),
  };
}

async function score(
  spec: EvaluatorSpec,
  settings: JudgeSpec,
  input: EvaluationCase,
): Promise<EvaluationResult> {
  if (spec.kind !== "judge" && spec.kind !== "rubric") {
    throw new Error("a judge spec");
  }
  return createModelEvaluator(spec, settings).evaluate(input);
}

describe("judge metrics on a parsable reply", () => {
  it("correctness is the F1 of TP, FP and FN statements", async () => {
    const judge = await judgeReplying(() =>
      JSON.stringify({
        TP: ["25 days", "of leave"],
        FP: ["HR"],
        FN: ["a year"],
      }),
    );
    const input = caseOf(judge.model);
    // TP / (TP + (FP + FN) / 2) = 2 / (2 + 1)
    expect(await score(judgeSpec("correctness"), judge.settings, input)).toBe(
      2 / 3,
    );
    expect(received[0]).toContain("- 25 days of leave a year");
  });

  it("faithfulness is the share of claims the passages support", async () => {
    const judge = await judgeReplying(() =>
      [
        "```json",
        JSON.stringify({
          claims: [
            { claim: "25 days", supported: true },
            { claim: "HR tool", supported: true },
            { claim: "a year", supported: false },
            { claim: "paid", supported: false },
          ],
        }),
        "```",
      ].join("\n"),
    );
    const input = caseOf(judge.model);
    expect(await score(judgeSpec("faithfulness"), judge.settings, input)).toBe(
      0.5,
    );
    expect(received[0]).toContain("[2] (d1)\nLeave is booked in HR.");
  });

  it("context precision averages precision@k over the useful ranks", async () => {
    const judge = await judgeReplying(() =>
      JSON.stringify({
        verdicts: [
          { passage: 1, useful: true },
          { passage: 2, useful: false },
          { passage: 3, useful: true },
        ],
      }),
    );
    const input = caseOf(judge.model, { answer: null });
    // (precision@1 + precision@3) / 2 = (1 + 2/3) / 2
    expect(
      await score(judgeSpec("context_precision"), judge.settings, input),
    ).toBeCloseTo(5 / 6, 12);
  });

  it("context precision reads verdicts in rank order, however listed", async () => {
    const judge = await judgeReplying(() =>
      JSON.stringify({
        verdicts: [
          { passage: 3, useful: true },
          { passage: 2, useful: false },
          { passage: 1, useful: false },
        ],
      }),
    );
    const input = caseOf(judge.model, { answer: null });
    // Only rank 3 is useful: precision@3 = 1/3.
    expect(
      await score(judgeSpec("context_precision"), judge.settings, input),
    ).toBeCloseTo(1 / 3, 12);
  });

  it("context recall is the share of reference statements attributed", async () => {
    const judge = await judgeReplying(() =>
      JSON.stringify({
        statements: [
          { statement: "25 days", attributed: true },
          { statement: "a year", attributed: false },
        ],
      }),
    );
    const input = caseOf(judge.model);
    expect(
      await score(judgeSpec("context_recall"), judge.settings, input),
    ).toBe(0.5);
  });

  it("judge fluency maps a 1–5 rating to (score − 1) / 4", async () => {
    const judge = await judgeReplying(() =>
      JSON.stringify({ score: 4, reason: "one awkward phrase" }),
    );
    const input = caseOf(judge.model);
    expect(await score(judgeSpec("judge_fluency"), judge.settings, input)).toBe(
      0.75,
    );
  });

  it("a custom rubric is sent to the judge and scored the same way", async () => {
    const judge = await judgeReplying(() => JSON.stringify({ score: 2 }));
    const spec: EvaluatorSpec = {
      kind: "rubric",
      name: "politeness",
      prompt: rubricPrompt("rubrics/polite.md", "5: thanks the user."),
    };
    const input = caseOf(judge.model);
    expect(await score(spec, judge.settings, input)).toBe(0.25);
    expect(spec.prompt.template).toContain("Rubric:\n5: thanks the user.");
  });

  it("keeps a rubric's dollar signs as written", () => {
    const prompt = rubricPrompt("rubrics/price.md", "5: quotes $$20 and $&.");
    expect(prompt.template).toContain("Rubric:\n5: quotes $$20 and $&.");
  });

  it("answer relevancy is the mean cosine of the judge's questions to the asked one", async () => {
    const judge = await judgeReplying(() =>
      JSON.stringify({
        questions: ["same", "right angle"],
        noncommittal: false,
      }),
    );
    const embedder = new FixedEmbeddingModel({
      vectors: { [QUESTION]: [1, 0], same: [2, 0], "right angle": [0, 3] },
      dimensions: 2,
    });
    const input = caseOf(judge.model, {}, embedder);
    // cosines 1 and 0
    expect(
      await score(judgeSpec("answer_relevancy"), judge.settings, input),
    ).toBe(0.5);
    expect(embedder.batches).toEqual([[QUESTION, "same", "right angle"]]);
  });

  it("answer relevancy is 0 for a noncommittal answer", async () => {
    const judge = await judgeReplying(() =>
      JSON.stringify({ questions: ["same"], noncommittal: true }),
    );
    const input = caseOf(judge.model, { answer: "I do not know." });
    expect(
      await score(judgeSpec("answer_relevancy"), judge.settings, input),
    ).toBe(0);
  });
});

describe("judge replies that cannot be used", () => {
  it("asks again after an unparsable reply, saying what was wrong, then scores", async () => {
    const judge = await judgeReplying((message) =>
      message.startsWith("Your reply was not valid JSON")
        ? JSON.stringify({ score: 5 })
        : "Sure! The answer reads well, I give it a 5.",
    );
    const input = caseOf(judge.model);
    expect(await score(judgeSpec("judge_fluency"), judge.settings, input)).toBe(
      1,
    );
    expect(received).toHaveLength(2);
  });

  it("leaves the case unscored with the reason when no try parses", async () => {
    const judge = await judgeReplying(() => "not JSON at all");
    const input = caseOf(judge.model);
    expect(
      await score(judgeSpec("faithfulness"), judge.settings, input),
    ).toEqual({
      score: null,
      reason: "judge reply was not valid JSON after 2 tries",
    });
    expect(received).toHaveLength(2);
  });

  it("tells the judge which field broke the expected shape", async () => {
    const judge = await judgeReplying(() => JSON.stringify({ score: 7 }), 2);
    const input = caseOf(judge.model);
    const result = await score(
      judgeSpec("judge_fluency"),
      judge.settings,
      input,
    );
    expect(result).toEqual({
      score: null,
      reason: expect.stringMatching(
        /^judge reply did not have the expected shape \(.*score.*\) after 3 tries$/,
      ),
    });
    expect(received[1]).toMatch(
      /expected shape:\n✖ Too big: expected number to be <=5\n\s*→ at score/,
    );
  });

  it("wants one context precision verdict per passage", async () => {
    const judge = await judgeReplying(
      () => JSON.stringify({ verdicts: [{ passage: 1, useful: true }] }),
      0,
    );
    const input = caseOf(judge.model);
    expect(
      await score(judgeSpec("context_precision"), judge.settings, input),
    ).toEqual({
      score: null,
      reason: expect.stringContaining("one verdict per passage: 3"),
    });
  });

  it("wants each passage judged once", async () => {
    const judge = await judgeReplying(
      () =>
        JSON.stringify({
          verdicts: [
            { passage: 1, useful: true },
            { passage: 1, useful: true },
            { passage: 9, useful: false },
          ],
        }),
      0,
    );
    const input = caseOf(judge.model);
    expect(
      await score(judgeSpec("context_precision"), judge.settings, input),
    ).toEqual({
      score: null,
      reason: expect.stringContaining("passages numbered 1 to 3, each once"),
    });
  });

  it("leaves the case unscored when the judge call fails", async () => {
    const judge = await judgeReplying(() => "{}");
    const input = caseOf(judge.model);
    await server?.close();
    const result = await score(judgeSpec("correctness"), judge.settings, input);
    expect(result).toEqual({
      score: null,
      reason: expect.stringMatching(/^judge call failed: /),
    });
  });
});

describe("cases a judge metric cannot score", () => {
  it("needs reference answers for correctness, context recall and precision", async () => {
    const judge = await judgeReplying(() => "{}");
    const noReference = caseOf(judge.model, {
      question: { id: "q2", question: QUESTION, answers: [], relevant: {} },
    });
    for (const metric of [
      "correctness",
      "context_recall",
      "context_precision",
    ] as const) {
      expect(
        await score(judgeSpec(metric), judge.settings, noReference),
      ).toEqual({ score: null, reason: "no reference answer" });
    }
    expect(received).toEqual([]);
  });

  it("leaves an answer without claims unscored, not 0", async () => {
    const judge = await judgeReplying(() => JSON.stringify({ claims: [] }));
    const input = caseOf(judge.model, { answer: "I do not know." });
    expect(
      await score(judgeSpec("faithfulness"), judge.settings, input),
    ).toEqual({ score: null, reason: "the answer makes no claim to check" });
  });
});

describe("semantic similarity", () => {
  const similarity = (embedder: FixedEmbeddingModel, answers: string[]) =>
    createModelEvaluator(
      {
        kind: "semantic_similarity",
        name: "semantic_similarity",
        embedder: EMBEDDER,
      },
      null,
    ).evaluate(
      caseOf(
        null,
        {
          answer: "twenty-five",
          question: { id: "q", question: QUESTION, answers, relevant: {} },
        },
        embedder,
      ),
    );

  it("is the best cosine between the answer and a gold answer", async () => {
    const embedder = new FixedEmbeddingModel({
      vectors: { "twenty-five": [3, 4], "25": [4, 3], "a month": [-3, -4] },
      dimensions: 2,
    });
    // cos([3,4],[4,3]) = 24/25; cos([3,4],[-3,-4]) = -1
    expect(await similarity(embedder, ["a month", "25"])).toBeCloseTo(0.96, 6);
  });

  it("is unscored without gold answers or without a vector", async () => {
    const embedder = new FixedEmbeddingModel({ vectors: {}, dimensions: 2 });
    expect(await similarity(embedder, [])).toEqual({
      score: null,
      reason: "no reference answer",
    });
    expect(await similarity(embedder, ["25"])).toEqual({
      score: null,
      reason: "test:fixed knows no word of the answer or of the gold answers",
    });
  });
});
