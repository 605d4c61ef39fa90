import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { z } from "zod";
import {
  formatReceived,
  quoteShortened,
} from "../../config/format-received.js";
import { parseYamlDocument } from "../../config/read-yaml-document.js";
import { zodIssuesToConfigIssues } from "../../config/zod-issues-to-config-issues.js";
import { ConfigError } from "../../errors/config-error.js";
import { FmopsError } from "../../errors/fmops-error.js";
import { ProviderCallError } from "../../errors/provider-call-error.js";
import { type ModelPrice, modelPriceSchema } from "./model-price.js";
import {
  priceFileSchema,
  priceKeySchema,
  priceKeyWords,
} from "./price-file.js";

export type { ModelPrice } from "./model-price.js";

/** Tokens one call used; cached input tokens are part of `inputTokens`. */
export interface PricedUsage {
  inputTokens: number;
  outputTokens: number;
  /** Input tokens the provider served from its prompt cache. @default 0 */
  cachedInputTokens?: number;
}

// Naming the file's type brings it into the compilation, so the build
// copies it into dist beside this module, where `bundled` reads it.
// biome-ignore lint/correctness/noUnusedVariables: only the copy matters
type BundledPriceFile = typeof import("./price-table.json");

const bundledFileUrl = new URL("./price-table.json", import.meta.url);

const TOKENS_PER_PRICE_UNIT = 1_000_000;

/** Local models run on the user's machine; their calls cost nothing. */
const FREE: ModelPrice = { input: 0, output: 0 };

/**
 * Bedrock's US cross-region inference profiles (`us.` before the model id)
 * bill as the model in the source region, which is what the table lists.
 * Other geographies may bill differently, so they stay unknown.
 */
const SAME_PRICE_PROFILE_PREFIX = "us.";

let bundledTable: PriceTable | undefined;

/**
 * List prices of remote models, in USD per million tokens, and the cost of
 * a call worked out from them. An unknown model costs `null`, never a
 * silent 0, so totals that include it are known to be incomplete.
 */
export class PriceTable {
  /** The date the prices reflect, `YYYY-MM-DD`. */
  readonly asOf: string;
  readonly #prices: ReadonlyMap<string, ModelPrice>;

  private constructor(asOf: string, prices: ReadonlyMap<string, ModelPrice>) {
    this.asOf = asOf;
    this.#prices = prices;
  }

  /** The table shipped with fmops, read and checked on first use. */
  static bundled(): PriceTable {
    bundledTable ??= PriceTable.fromJson(
      readFileSync(bundledFileUrl, "utf8"),
      fileURLToPath(bundledFileUrl),
    );
    return bundledTable;
  }

  /**
   * A table from the text of a price file laid out as `price-table.json`.
   * A file that does not fit is a ConfigError naming its lines and fields.
   */
  static fromJson(text: string, file: string): PriceTable {
    // JSON is YAML, and the YAML reader knows where each field sits.
    const source = parseYamlDocument(text, file);
    const parsed = priceFileSchema.safeParse(source.data);
    if (!parsed.success) {
      throw new ConfigError(
        zodIssuesToConfigIssues(parsed.error.issues, source),
      );
    }
    const { asOf, models } = parsed.data;
    return new PriceTable(asOf, new Map(Object.entries(models)));
  }

  /**
   * A table with `overrides` (keyed `provider:model`) taking the place of
   * the listed prices, for negotiated rates or models the table lacks.
   */
  withOverrides(overrides: Record<string, ModelPrice>): PriceTable {
    const prices = new Map(this.#prices);
    for (const [key, price] of Object.entries(overrides)) {
      prices.set(key, checkedOverride(key, price));
    }
    return new PriceTable(this.asOf, prices);
  }

  /** The price of a model; `null` when the table does not know it. */
  find(provider: string, modelId: string): ModelPrice | null {
    const listed = this.#prices.get(priceKey(provider, modelId));
    if (listed !== undefined) return listed;
    if (provider === "local") return FREE;
    if (
      provider === "bedrock" &&
      modelId.startsWith(SAME_PRICE_PROFILE_PREFIX)
    ) {
      const baseModelId = modelId.slice(SAME_PRICE_PROFILE_PREFIX.length);
      return this.#prices.get(priceKey(provider, baseModelId)) ?? null;
    }
    return null;
  }

  /**
   * The cost of one call in USD; `null` when the model's price is unknown.
   * Cached input tokens are billed at the cached price where the model has
   * one, else at the input price.
   */
  costOf(provider: string, modelId: string, usage: PricedUsage): number | null {
    assertUsage(provider, modelId, usage);
    const price = this.find(provider, modelId);
    if (price === null) return null;
    const cachedTokens = usage.cachedInputTokens ?? 0;
    const tokenCostUsd =
      (usage.inputTokens - cachedTokens) * price.input +
      cachedTokens * (price.cachedInput ?? price.input) +
      usage.outputTokens * price.output;
    return tokenCostUsd / TOKENS_PER_PRICE_UNIT + (price.perRequest ?? 0);
  }
}

function priceKey(provider: string, modelId: string): string {
  return `${provider}:${modelId}`;
}

/** An override checked as the price file is; a bad one names its key. */
function checkedOverride(key: string, price: ModelPrice): ModelPrice {
  if (!priceKeySchema.safeParse(key).success) {
    throw new FmopsError(
      "USAGE",
      `Price override key ${quoteShortened(key)}: expected ${priceKeyWords}`,
    );
  }
  const parsed = modelPriceSchema.safeParse(price);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) =>
    describeIssue(issue, price),
  );
  throw new FmopsError(
    "USAGE",
    `Price override ${key}: ${problems.join("; ")}`,
  );
}

function describeIssue(issue: z.core.$ZodIssue, price: ModelPrice): string {
  if (issue.code === "unrecognized_keys") {
    return `${issue.keys.join(", ")}: expected ${issue.message}`;
  }
  const field = issue.path.map(String).join(".");
  const value: unknown = (price as unknown as Record<string, unknown>)[field];
  return `${field}: expected ${issue.message}, got ${formatReceived(value)}`;
}

/**
 * Usage that cannot be priced is a provider reporting nonsense, such as
 * more cached tokens than input tokens; billing it would hide the fault.
 */
function assertUsage(
  provider: string,
  modelId: string,
  usage: PricedUsage,
): void {
  const cachedTokens = usage.cachedInputTokens ?? 0;
  const counts = [usage.inputTokens, usage.outputTokens, cachedTokens];
  const isWhole = counts.every(
    (count) => Number.isInteger(count) && count >= 0,
  );
  if (isWhole && cachedTokens <= usage.inputTokens) return;
  throw new ProviderCallError(
    `${provider}/${modelId} reported usage that cannot be priced: ` +
      `${usage.inputTokens} input tokens (${cachedTokens} of them cached) ` +
      `and ${usage.outputTokens} output tokens; expected whole numbers ` +
      "of 0 or more, with cached tokens counted among the input tokens",
    { provider, modelId, errorClass: "bad_response", isRetryable: false },
  );
}
