import { z } from "zod";
import { strictMapping } from "../../config/plain-words-schemas.js";
import { modelPriceSchema } from "./model-price.js";

/** `provider:model`; the model part may hold colons, as Bedrock ids do. */
const priceKeyPattern = /^[a-z][a-z0-9-]*:\S+$/;

export const priceKeyWords =
  "a key of the form provider:model, e.g. openai:gpt-4o";

/** A key of the price table or of price overrides: `openai:gpt-4o-mini`. */
export const priceKeySchema = z
  .string({ error: priceKeyWords })
  .regex(priceKeyPattern, { error: priceKeyWords });

/**
 * The layout of `price-table.json`. Currency and unit are fixed words, so a
 * file priced in another currency or per thousand tokens is refused rather
 * than misread.
 */
export const priceFileSchema = strictMapping({
  asOf: z.iso.date({ error: "the date the prices reflect, as YYYY-MM-DD" }),
  currency: z.literal("USD", { error: 'the currency "USD"' }),
  unit: z.literal("per million tokens", {
    error: 'the unit "per million tokens"',
  }),
  models: z.record(priceKeySchema, modelPriceSchema, {
    error: "a mapping from provider:model keys to prices",
  }),
});

/** A validated price file. */
export type PriceFile = z.output<typeof priceFileSchema>;
