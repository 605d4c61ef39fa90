import { BudgetReachedError } from "../../errors/budget-reached-error.js";
import type {
  PricedUsage,
  PriceTable,
} from "../../providers/prices/price-table.js";
import type { ChatRequest } from "../../spec/chat-model.js";
import { countTokens } from "../../util/count-tokens.js";

/**
 * Output tokens assumed for a model that sets no maximum, until its first
 * answer gives a mean to go by.
 */
export const ASSUMED_OUTPUT_TOKENS = 512;

/** The model a call goes to. */
export interface BudgetedModel {
  provider: string;
  modelId: string;
}

/** What a call that succeeded turned out to cost. */
export interface CallOutcome {
  /** `null` when the price is unknown. */
  costUsd: number | null;
  outputTokens: number;
}

/** The estimated cost of one admitted call, held until it ends. */
export interface Reservation {
  /**
   * Replaces the estimate with what the call cost: `null` for a call that
   * failed, which providers do not bill. Only the first settling counts.
   */
  settle(outcome: CallOutcome | null): void;
}

export interface CallBudgetOptions {
  limitUsd: number;
  /** Spent by earlier sessions of a resumed run. @default 0 */
  spentUsd?: number;
  prices: PriceTable;
  /** Told once per model whose calls the budget cannot limit. */
  onUnpriced: (model: BudgetedModel) => void;
  /** Told once, when the first call is refused. */
  onReached: () => void;
}

/**
 * A cost limit on provider calls. Each call reserves its estimated cost
 * before it is sent: input tokens counted as the provider will bill them
 * (o200k_base), output tokens at the request's `maxOutputTokens`, else the
 * model's mean so far in this run. A call is refused when spent plus
 * reserved plus its estimate would pass the limit; from then on every call
 * is refused, while calls in flight finish and settle at their real cost.
 *
 * Calls to a model of unknown price cannot be limited; they are admitted
 * (they are usually self-hosted) and reported once through `onUnpriced`.
 */
export class CallBudget {
  readonly limitUsd: number;
  readonly #options: CallBudgetOptions;
  readonly #outputs = new Map<string, { calls: number; tokens: number }>();
  readonly #unpriced = new Set<string>();
  #spentUsd: number;
  #reservedUsd = 0;
  #isReached = false;

  constructor(options: CallBudgetOptions) {
    this.#options = options;
    this.limitUsd = options.limitUsd;
    this.#spentUsd = options.spentUsd ?? 0;
  }

  /** Whether a call has been refused; no call is admitted any more. */
  get isReached(): boolean {
    return this.#isReached;
  }

  /** Known cost of settled calls, earlier sessions included. */
  get spentUsd(): number {
    return this.#spentUsd;
  }

  /** Why the run stopped, in words. */
  describe(): string {
    return (
      `budget of ${usd(this.limitUsd)} reached ` +
      `(${usd(this.#spentUsd)} spent)`
    );
  }

  /** @throws BudgetReachedError when the call does not fit. */
  reserveChat(model: BudgetedModel, request: ChatRequest): Reservation {
    const inputTokens = request.messages.reduce(
      (total, message) => total + countTokens(message.content),
      0,
    );
    const outputTokens =
      request.maxOutputTokens ?? this.#meanOutputTokens(model);
    return this.#reserve(model, { inputTokens, outputTokens });
  }

  /** @throws BudgetReachedError when the call does not fit. */
  reserveEmbedding(
    model: BudgetedModel,
    texts: readonly string[],
  ): Reservation {
    const inputTokens = texts.reduce(
      (total, text) => total + countTokens(text),
      0,
    );
    return this.#reserve(model, { inputTokens, outputTokens: 0 });
  }

  #reserve(model: BudgetedModel, usage: PricedUsage): Reservation {
    if (this.#isReached) throw new BudgetReachedError(this.describe());
    const estimateUsd = this.#options.prices.costOf(
      model.provider,
      model.modelId,
      usage,
    );
    if (estimateUsd === null) {
      this.#warnUnpriced(model);
      return this.#held(model, 0);
    }
    if (this.#spentUsd + this.#reservedUsd + estimateUsd > this.limitUsd) {
      this.#isReached = true;
      this.#options.onReached();
      throw new BudgetReachedError(this.describe());
    }
    this.#reservedUsd += estimateUsd;
    return this.#held(model, estimateUsd);
  }

  #held(model: BudgetedModel, estimateUsd: number): Reservation {
    let isSettled = false;
    return {
      settle: (outcome) => {
        if (isSettled) return;
        isSettled = true;
        this.#reservedUsd -= estimateUsd;
        if (outcome === null) return;
        this.#spentUsd += outcome.costUsd ?? 0;
        this.#observeOutput(model, outcome);
      },
    };
  }

  #meanOutputTokens(model: BudgetedModel): number {
    const seen = this.#outputs.get(nameOf(model));
    if (seen === undefined) return ASSUMED_OUTPUT_TOKENS;
    return Math.ceil(seen.tokens / seen.calls);
  }

  #observeOutput(model: BudgetedModel, outcome: CallOutcome): void {
    const name = nameOf(model);
    const seen = this.#outputs.get(name) ?? { calls: 0, tokens: 0 };
    seen.calls += 1;
    seen.tokens += outcome.outputTokens;
    this.#outputs.set(name, seen);
  }

  #warnUnpriced(model: BudgetedModel): void {
    const name = nameOf(model);
    if (this.#unpriced.has(name)) return;
    this.#unpriced.add(name);
    this.#options.onUnpriced(model);
  }
}

function nameOf(model: BudgetedModel): string {
  return `${model.provider}:${model.modelId}`;
}

/** Dollars to four significant digits: `$0.0005`, `$1.235`. */
function usd(amount: number): string {
  return `$${Number(amount.toPrecision(4))}`;
}
