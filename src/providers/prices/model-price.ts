import { z } from "zod";
import { strictMapping } from "../../config/plain-words-schemas.js";

/** What calls to one model cost, in USD per million tokens. */
export interface ModelPrice {
  /** USD per million input tokens. */
  input: number;
  /** USD per million output tokens; 0 for embedding models. */
  output: number;
  /**
   * USD per million input tokens served from the provider's prompt cache.
   * @default the `input` price
   */
  cachedInput?: number;
  /** USD charged once per call on top of tokens. @default 0 */
  perRequest?: number;
}

const amountWords = "an amount in USD of 0 or more";

const usdAmount = z
  .number({ error: amountWords })
  .min(0, { error: amountWords });

/**
 * A ModelPrice as written in a price file or an experiment's price
 * overrides; its messages say what is expected, in plain words.
 */
export const modelPriceSchema = strictMapping({
  input: usdAmount,
  output: usdAmount,
  cachedInput: usdAmount.optional(),
  perRequest: usdAmount.optional(),
});
