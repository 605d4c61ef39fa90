import { z } from "zod";

/*
 * Builders for zod schemas whose error messages are the expected value in
 * plain words ("a whole number ≥ 1"), ready to be shown to users as the
 * `expected` part of a ConfigIssue.
 */

/** A mapping that rejects unknown keys and names the allowed ones. */
export function strictMapping<Shape extends z.core.$ZodLooseShape>(
  shape: Shape,
) {
  const keys = Object.keys(shape).join(", ");
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `one of the keys ${keys}`
        : `a mapping with the keys ${keys}`,
  });
}

/** One of a fixed set of strings. */
export function oneOf<const Values extends readonly [string, ...string[]]>(
  values: Values,
) {
  return z.enum(values, { error: `one of ${values.join(", ")}` });
}

/** A whole number in `[minimum, maximum]`; no upper bound when omitted. */
export function wholeNumber(minimum: number, maximum?: number) {
  const words =
    maximum === undefined
      ? `a whole number ≥ ${minimum}`
      : `a whole number from ${minimum} to ${maximum}`;
  const schema = z
    .number({ error: words })
    .int({ error: words })
    .min(minimum, { error: words });
  return maximum === undefined ? schema : schema.max(maximum, { error: words });
}

/** Any number in `[minimum, maximum]`. */
export function boundedNumber(minimum: number, maximum: number) {
  const words = `a number from ${minimum} to ${maximum}`;
  return z
    .number({ error: words })
    .min(minimum, { error: words })
    .max(maximum, { error: words });
}

/** A string with at least one character that is not white space. */
export function nonBlankText(words: string) {
  return z.string({ error: words }).regex(/\S/, { error: words });
}

/**
 * A list of at least one item, or a single item standing for a one-item
 * list (`top_k: 5` means `top_k: [5]`). Parsing always yields a list.
 */
export function listOf<Item extends z.ZodType>(item: Item) {
  const list = z
    .array(item, { error: "a list of such values" })
    .min(1, { error: "a list with at least one value" });
  return z
    .union([item, list])
    .transform((value) =>
      Array.isArray(value)
        ? (value as z.output<Item>[])
        : [value as z.output<Item>],
    );
}
