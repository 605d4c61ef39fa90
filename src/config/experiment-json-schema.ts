import { z } from "zod";
import { experimentInputSchema } from "./experiment-input.js";

/**
 * The JSON Schema of the experiment file, for editors: point the YAML
 * language server at it (`# yaml-language-server: $schema=...`) to get
 * completion and inline errors. It describes what users write, so fields
 * with defaults are optional.
 */
export function experimentJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(experimentInputSchema, {
    target: "draft-2020-12",
    io: "input",
  });
  return {
    ...schema,
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: "fmops experiment",
    description:
      "An fmops experiment file: a dataset, a matrix of settings to " +
      "compare (chunking, embedder, top_k, retrieval, model, prompt) and " +
      "the metrics that score each cell.",
  };
}
