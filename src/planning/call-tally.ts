import type { PriceTable } from "../providers/prices/price-table.js";
import type { CallPurpose } from "../spec/call-attribution.js";
import type { CallKind } from "../spec/records.js";
import type { CallEstimate, PlanTotals } from "./experiment-plan.js";

/** Who answers a call: the provider's model, for one kind and purpose. */
export interface CallTarget {
  provider: string;
  modelId: string;
  kind: CallKind;
  purpose: CallPurpose;
}

/** The tokens of one call the run will send. */
export interface CallTokens {
  inputTokens: number;
  outputTokens: number;
}

/**
 * Adds up estimated calls by target, pricing each call on its own as the
 * run does, so per-request prices and rounding match what a run records.
 */
export class CallTally {
  readonly #prices: PriceTable;
  readonly #entries = new Map<string, CallEstimate>();

  constructor(prices: PriceTable) {
    this.#prices = prices;
  }

  /** One call to send. */
  addCall(target: CallTarget, tokens: CallTokens): void {
    const entry = this.#entryFor(target);
    const costUsd = this.#prices.costOf(target.provider, target.modelId, {
      inputTokens: Math.round(tokens.inputTokens),
      outputTokens: Math.round(tokens.outputTokens),
    });
    entry.calls += 1;
    entry.inputTokens += tokens.inputTokens;
    entry.outputTokens += tokens.outputTokens;
    entry.costUsd =
      entry.costUsd === null || costUsd === null
        ? null
        : entry.costUsd + costUsd;
  }

  /** One call the response cache answers: free, and never sent. */
  addCachedCall(target: CallTarget): void {
    this.#entryFor(target).cachedCalls += 1;
  }

  estimates(): CallEstimate[] {
    return [...this.#entries.values()];
  }

  totals(): PlanTotals {
    return sumEstimates(this.estimates());
  }

  #entryFor(target: CallTarget): CallEstimate {
    const name = JSON.stringify([
      target.provider,
      target.modelId,
      target.kind,
      target.purpose,
    ]);
    let entry = this.#entries.get(name);
    if (entry === undefined) {
      entry = {
        ...target,
        calls: 0,
        cachedCalls: 0,
        inputTokens: 0,
        outputTokens: 0,
        costUsd: 0,
      };
      this.#entries.set(name, entry);
    }
    return entry;
  }
}

export function sumEstimates(estimates: readonly CallEstimate[]): PlanTotals {
  const totals: PlanTotals = {
    calls: 0,
    cachedCalls: 0,
    inputTokens: 0,
    outputTokens: 0,
    costUsd: 0,
  };
  for (const estimate of estimates) {
    totals.calls += estimate.calls;
    totals.cachedCalls += estimate.cachedCalls;
    totals.inputTokens += estimate.inputTokens;
    totals.outputTokens += estimate.outputTokens;
    totals.costUsd =
      totals.costUsd === null || estimate.costUsd === null
        ? null
        : totals.costUsd + estimate.costUsd;
  }
  return totals;
}
