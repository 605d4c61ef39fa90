import type { CallAttribution } from "../spec/call-attribution.js";
import type { ChatModel, ChatRequest } from "../spec/chat-model.js";
import type { EmbeddingModel, EmbedRequest } from "../spec/embedding-model.js";
import type { EvaluationTools } from "../spec/evaluator.js";
import type { EmbedderSpec, ModelSpec } from "../spec/experiment.js";
import { Memo } from "./memo.js";
import { withEmbed } from "./replace-call.js";

/** Tokens and cost of the calls made to score one case. */
export interface EvaluationUsage {
  inputTokens: number;
  outputTokens: number;
  /** `null` once a call of unknown price was made. */
  costUsd: number | null;
}

/** How the engine makes the models evaluators call, behind its gateway. */
export interface EvaluationModels {
  /** The judge and how to make it; `null` without `judge:`. */
  judge: { spec: ModelSpec; create: () => Promise<ChatModel> } | null;
  createEmbedder: (spec: EmbedderSpec) => Promise<EmbeddingModel>;
}

/** The tools of one case and the usage their calls have added up. */
export interface CaseEvaluationTools {
  tools: EvaluationTools;
  usage(): EvaluationUsage;
}

/**
 * Hands each case its own evaluation tools. The models behind them are
 * made once per run and shared; what each case gets marks its calls as
 * `evaluation` calls of that (cell, question) and meters their usage, so
 * scoring is recorded and costed apart from the system under test.
 */
export class EvaluationToolbox {
  readonly #models: EvaluationModels;
  readonly #judge = new Memo<ChatModel>();
  readonly #embedders = new Memo<EmbeddingModel>();

  constructor(models: EvaluationModels) {
    this.#models = models;
  }

  forCase(cellKey: string, questionId: string): CaseEvaluationTools {
    const attribution: CallAttribution = {
      cellKey,
      questionId,
      purpose: "evaluation",
    };
    const meter = new UsageMeter();
    return {
      tools: {
        judge: this.#caseJudge(attribution, meter),
        embedder: (spec) => this.#caseEmbedder(spec, attribution, meter),
      },
      usage: () => meter.usage(),
    };
  }

  #caseJudge(
    attribution: CallAttribution,
    meter: UsageMeter,
  ): ChatModel | null {
    const judge = this.#models.judge;
    if (judge === null) return null;
    return {
      provider: judge.spec.provider,
      modelId: judge.spec.model,
      generate: async (request: ChatRequest) => {
        const model = await this.#judge.get("judge", judge.create);
        const response = await model.generate({ ...request, attribution });
        meter.add(response.usage, response.costUsd);
        return response;
      },
    };
  }

  async #caseEmbedder(
    spec: EmbedderSpec,
    attribution: CallAttribution,
    meter: UsageMeter,
  ): Promise<EmbeddingModel> {
    const model = await this.#embedders.get(spec.id, () =>
      this.#models.createEmbedder(spec),
    );
    return withEmbed(model, async (request: EmbedRequest) => {
      const response = await model.embed({ ...request, attribution });
      meter.add({ ...response.usage, outputTokens: 0 }, response.costUsd);
      return response;
    });
  }
}

class UsageMeter {
  #usage: EvaluationUsage = { inputTokens: 0, outputTokens: 0, costUsd: 0 };

  add(
    tokens: { inputTokens: number; outputTokens: number },
    costUsd: number | null,
  ): void {
    const { inputTokens, outputTokens, costUsd: totalUsd } = this.#usage;
    this.#usage = {
      inputTokens: inputTokens + tokens.inputTokens,
      outputTokens: outputTokens + tokens.outputTokens,
      costUsd:
        totalUsd === null || costUsd === null ? null : totalUsd + costUsd,
    };
  }

  usage(): EvaluationUsage {
    return { ...this.#usage };
  }
}
