import { z } from "zod";
import type { ChunkingSpec } from "../spec/chunk.js";
import type { RetrievalMode } from "../spec/experiment.js";
import {
  boundedNumber,
  listOf,
  nonBlankText,
  oneOf,
  strictMapping,
  wholeNumber,
} from "./plain-words-schemas.js";

/*
 * What users write in an experiment file. Keys are snake_case as in the
 * YAML; `resolveExperiment` turns this into a `ResolvedExperiment`.
 */

export const CHUNKING_STRATEGIES = [
  "recursive",
  "token",
  "sentence",
  "none",
] as const satisfies readonly ChunkingSpec["strategy"][];

export const CHUNKING_UNITS = [
  "characters",
  "tokens",
] as const satisfies readonly ChunkingSpec["unit"][];

export const RETRIEVAL_MODES = [
  "dense",
  "bm25",
  "hybrid",
] as const satisfies readonly RetrievalMode[];

/** Largest chunk size accepted, in characters or tokens. */
const MAX_CHUNK_SIZE = 100_000;

/** Deepest retrieval accepted for `top_k`. */
const MAX_TOP_K = 1000;

const chunkSizeWords = `a whole number from 1 to ${MAX_CHUNK_SIZE}`;

const strategySchema = oneOf(CHUNKING_STRATEGIES).describe(
  "How documents are cut: `recursive` splits on paragraphs, then lines, " +
    "then words; `token` takes fixed windows of tokens; `sentence` packs " +
    "whole sentences; `none` keeps one chunk per document.",
);
const sizeSchema = wholeNumber(1, MAX_CHUNK_SIZE).describe(
  "Largest chunk, counted in `unit`. Required unless strategy is `none`.",
);
const overlapSchema = wholeNumber(0, MAX_CHUNK_SIZE).describe(
  "Length shared by consecutive chunks, counted in `unit`; smaller than size.",
);
const unitSchema = oneOf(CHUNKING_UNITS).describe(
  "How chunk length is counted. Defaults to `characters`; the `token` " +
    "strategy always counts tokens.",
);

const chunkingSchema = strictMapping({
  strategy: strategySchema,
  size: sizeSchema.optional(),
  overlap: overlapSchema.default(0),
  unit: unitSchema.optional(),
})
  .superRefine((chunking, context) => {
    if (chunking.strategy !== "none" && chunking.size === undefined) {
      context.addIssue({
        code: "custom",
        path: ["size"],
        message: `${chunkSizeWords} (required unless strategy is none)`,
      });
    }
    // A size below 1 is already reported; comparing with it adds noise.
    const size = chunking.size ?? 0;
    if (size >= 1 && chunking.overlap >= size) {
      context.addIssue({
        code: "custom",
        path: ["overlap"],
        message: `a whole number smaller than size (${size})`,
      });
    }
  })
  .describe("One way to cut documents into chunks.");

const embedderSchema = nonBlankText(
  "an embedder id such as local:bm25",
).describe("Embedder id, `provider:model`, e.g. `local:glove-100d`.");
const topKSchema = wholeNumber(1, MAX_TOP_K).describe(
  "How many chunks are retrieved per question.",
);
const retrievalSchema = oneOf(RETRIEVAL_MODES).describe(
  "`dense` ranks by embedding similarity, `bm25` by BM25 alone, `hybrid` " +
    "fuses both rankings.",
);
const modelAliasSchema = nonBlankText(
  "a model alias declared under models",
).describe("An alias declared under `models:`.");
const promptSchema = nonBlankText(
  "a prompt file path or builtin:grounded",
).describe(
  "A prompt template file, relative to the experiment file, or " +
    "`builtin:grounded`. `{{context}}` and `{{question}}` are filled in.",
);

const datasetSchema = strictMapping({
  corpus: nonBlankText(
    "a path to a folder of .md/.txt files or to a BEIR corpus.jsonl",
  ).describe(
    "A folder of .md/.txt files, or a BEIR corpus.jsonl; relative to the " +
      "experiment file.",
  ),
  questions: nonBlankText(
    "a path to a .jsonl, .csv, .yaml or .yml questions file",
  ).describe(
    "Labelled questions (.jsonl, .csv, .yaml or .yml), or BEIR " +
      "queries.jsonl together with `qrels`.",
  ),
  qrels: nonBlankText("a path to a BEIR qrels .tsv file")
    .optional()
    .describe("BEIR relevance judgements (.tsv); only with BEIR queries."),
}).describe("The documents to search and the questions to ask.");

/** Connection settings shared by models and embedders. */
const connectionFields = {
  base_url: z
    .url({ error: "an http(s) URL such as http://localhost:8000/v1" })
    .optional()
    .describe("OpenAI-compatible server root (vLLM, Ollama, Azure OpenAI…)."),
  api_key_env: nonBlankText("the name of an environment variable")
    .optional()
    .describe(
      "Environment variable that holds the API key; read at call time, " +
        "never stored. Defaults to OPENAI_API_KEY.",
    ),
  region: nonBlankText("an AWS region such as us-east-1")
    .optional()
    .describe("AWS region for Bedrock; defaults to the AWS environment."),
  endpoint: z
    .url({ error: "an http(s) URL" })
    .optional()
    .describe("Bedrock endpoint override, e.g. a local server."),
};

/** The keys of a `models:` entry; `judge:` takes them too. */
const modelFields = {
  provider: nonBlankText("a provider name such as local").describe(
    "Provider: local, openai, bedrock, exec, module or langchain.",
  ),
  model: nonBlankText("a model id such as extractive").describe(
    "Model id within the provider, e.g. `extractive`, `gpt-4o-mini`; a " +
      "name of your choosing for exec, module and langchain.",
  ),
  temperature: boundedNumber(0, 2)
    .optional()
    .describe("Sampling temperature passed to the provider."),
  max_output_tokens: wholeNumber(1, 1_000_000)
    .optional()
    .describe("Most tokens the model may generate per answer."),
  stream: z
    .boolean({ error: "true or false" })
    .optional()
    .describe("Stream answers to measure time to first token. Default true."),
  command: listOf(nonBlankText("a program or an argument"))
    .optional()
    .describe(
      "exec: the program and its arguments, run once per case with JSON " +
        "on stdin and stdout. A single string is split at spaces.",
    ),
  module: nonBlankText("a path to a .js or .ts file")
    .optional()
    .describe("module, langchain: the file exporting the model."),
  export: nonBlankText("an export name")
    .optional()
    .describe("module, langchain: the export to use. Default `default`."),
  ...connectionFields,
};

const modelSchema = strictMapping(modelFields).describe(
  "A chat model the matrix can refer to by its alias.",
);

const judgeSchema = strictMapping({
  ...modelFields,
  embedder: embedderSchema
    .optional()
    .describe(
      "Embedder of answer_relevancy, and of semantic_similarity when it " +
        "names none. Default `local:glove-100d`.",
    ),
  parse_retries: wholeNumber(0, 5)
    .default(1)
    .describe(
      "Further tries when a judge reply is not JSON of the expected shape.",
    ),
}).describe(
  "The model that scores answers for judge evaluators, written like an " +
    "entry of `models:`; temperature defaults to 0.",
);

const embedderSettingsSchema = strictMapping({
  ...connectionFields,
  batch_size: wholeNumber(1, 4096)
    .optional()
    .describe("Most texts per embedding request."),
  dimensions: wholeNumber(1, 65_536)
    .optional()
    .describe("Vector length, where the model's cannot be known."),
}).describe("How to reach a remote embedder of the embedder axis.");

const limitsSchema = strictMapping({
  concurrency: wholeNumber(1, 10_000)
    .optional()
    .describe("Most calls in flight to this provider."),
  rpm: wholeNumber(1, 10_000_000)
    .optional()
    .describe("Most requests started in any 60 seconds."),
  tpm: wholeNumber(1, 1_000_000_000)
    .optional()
    .describe("Most tokens (estimated) sent in any 60 seconds."),
}).describe("Request limits of one provider.");

const retrySchema = strictMapping({
  max_attempts: wholeNumber(1, 20).default(4).describe("Tries per call."),
  initial_delay_ms: wholeNumber(0, 600_000)
    .default(500)
    .describe("Backoff before the second try; doubles each time."),
  max_delay_ms: wholeNumber(0, 600_000)
    .default(30_000)
    .describe("Longest backoff, unless the server asks for longer."),
  timeout_ms: wholeNumber(1, 3_600_000)
    .default(60_000)
    .describe("Longest a single try may take."),
}).describe("How failed provider calls are retried.");

const priceSchema = strictMapping({
  input: boundedNumber(0, 1_000_000).describe("USD per million input tokens."),
  output: boundedNumber(0, 1_000_000).describe(
    "USD per million output tokens.",
  ),
  cached_input: boundedNumber(0, 1_000_000)
    .optional()
    .describe("USD per million cached input tokens."),
  per_request: boundedNumber(0, 1_000_000)
    .optional()
    .describe("USD per request, for models priced so."),
}).describe("A price that replaces the bundled price table's.");

const modelsSchema = z
  .record(z.string(), modelSchema, {
    error: "a mapping from model aliases to models",
  })
  .describe("Chat models by alias. Omit for retrieval-only experiments.");

const matrixSchema = strictMapping({
  chunking: listOf(chunkingSchema).describe("Chunking settings to compare."),
  embedder: listOf(embedderSchema)
    .optional()
    .describe("Embedders to compare. Required unless retrieval is only bm25."),
  top_k: listOf(topKSchema).describe("Retrieval depths to compare."),
  retrieval: listOf(retrievalSchema)
    .optional()
    .describe("Retrieval modes to compare. Defaults to dense."),
  model: listOf(modelAliasSchema)
    .optional()
    .describe("Models to compare; omit for a retrieval-only experiment."),
  prompt: listOf(promptSchema)
    .optional()
    .describe(
      "Prompts to compare. Defaults to builtin:grounded when the matrix " +
        "has models.",
    ),
}).describe(
  "Axes of the experiment; every combination of their values is a cell. " +
    "An axis may hold a single value instead of a list.",
);

const cellPatternFields = {
  embedder: embedderSchema.optional(),
  top_k: topKSchema.optional(),
  retrieval: retrievalSchema.optional(),
  model: modelAliasSchema.optional(),
  prompt: promptSchema.optional(),
};

const patternKeys = "chunking, embedder, top_k, retrieval, model, prompt";

const excludeRuleSchema = strictMapping({
  chunking: strictMapping({
    strategy: strategySchema.optional(),
    size: sizeSchema.optional(),
    overlap: overlapSchema.optional(),
    unit: unitSchema.optional(),
  })
    .optional()
    .describe("Matches chunking settings on the sub-fields given."),
  ...cellPatternFields,
})
  .refine((rule) => Object.keys(rule).length > 0, {
    error: `a rule with at least one of the keys ${patternKeys}`,
  })
  .describe("Removes every cell whose values match all the keys given.");

const includeEntrySchema = strictMapping({
  chunking: chunkingSchema.optional(),
  ...cellPatternFields,
})
  .refine((entry) => Object.keys(entry).length > 0, {
    error: `an entry with at least one of the keys ${patternKeys}`,
  })
  .describe(
    "An extra cell; axes not given take the first value of the matrix axis.",
  );

const customEvaluatorSchema = strictMapping({
  name: z
    .string({ error: "a metric name" })
    .regex(/^[a-z][a-z0-9_]*$/, {
      error: "a metric name of lowercase letters, digits and _",
    })
    .describe("Name of the metric in results."),
  regex: nonBlankText("a regular expression")
    .optional()
    .describe("1 when the answer matches this pattern, else 0."),
  flags: z
    .string({ error: "regular expression flags such as i" })
    .regex(/^[dgimsuy]*$/, { error: "regular expression flags such as i" })
    .optional()
    .describe("Flags of `regex`, e.g. `i`."),
  json_schema: nonBlankText("a path to a JSON Schema file")
    .optional()
    .describe("1 when the answer is JSON valid against this schema file."),
  module: nonBlankText("a path to a .js or .ts file")
    .optional()
    .describe("A file exporting `(case) => number | null`, in [0, 1]."),
  export: nonBlankText("an export name")
    .optional()
    .describe("The export of `module` to use. Default `default`."),
  rubric: nonBlankText("a path to a rubric file")
    .optional()
    .describe(
      "A rubric file; the judge scores answers 1–5 by it, mapped to 0–1.",
    ),
  semantic_similarity: strictMapping({
    embedder: embedderSchema,
  })
    .optional()
    .describe("Cosine similarity of answer and gold answers by `embedder`."),
})
  .refine(
    (entry) =>
      [
        entry.regex,
        entry.json_schema,
        entry.module,
        entry.rubric,
        entry.semantic_similarity,
      ].filter((value) => value !== undefined).length === 1,
    {
      error:
        "exactly one of the keys regex, json_schema, module, rubric or " +
        "semantic_similarity",
    },
  )
  .describe("An evaluator of your own, by name.");

const gateRuleSchema = strictMapping({
  min: z
    .number({ error: "a number" })
    .optional()
    .describe("Fails when the metric is below this."),
  max: z
    .number({ error: "a number" })
    .optional()
    .describe("Fails when the metric is above this."),
  cell: nonBlankText("best, all, or a cell key prefix or cell label")
    .optional()
    .describe(
      "Which cells are checked: `best` (the best cell by the first " +
        "metric; the default), `all`, or one cell by key prefix or label.",
    ),
  max_drop: z
    .number({ error: "a number ≥ 0" })
    .min(0, { error: "a number ≥ 0" })
    .optional()
    .describe(
      "Fails when the metric worsens by more than this against the same " +
        "cell of the baseline run (a rise, for cost, latency and errors).",
    ),
  significant_drop: z
    .boolean({ error: "true or false" })
    .optional()
    .describe(
      "true: fails when a paired test says the score fell against the " +
        "baseline run, at p < 0.05.",
    ),
})
  .refine(
    (rule) =>
      rule.min !== undefined ||
      rule.max !== undefined ||
      rule.max_drop !== undefined ||
      rule.significant_drop === true,
    {
      error:
        "a rule with at least one of min, max, max_drop or " +
        "significant_drop: true",
    },
  )
  .describe("A pass/fail rule on one metric.");

/** The schema of an experiment file, as users write it. */
export const experimentInputSchema = strictMapping({
  name: nonBlankText("a non-empty name").describe(
    "Name of the experiment; runs are listed under it.",
  ),
  description: z
    .string({ error: "a string" })
    .optional()
    .describe("What the experiment is for."),
  dataset: datasetSchema,
  models: modelsSchema.optional(),
  matrix: matrixSchema,
  exclude: z
    .array(excludeRuleSchema, { error: "a list of exclude rules" })
    .optional()
    .describe("Cells to leave out of the matrix."),
  include: z
    .array(includeEntrySchema, { error: "a list of extra cells" })
    .optional()
    .describe("Cells to add to the matrix."),
  evaluators: listOf(
    z.union([
      nonBlankText("a metric name such as token_f1 or ndcg@10"),
      customEvaluatorSchema,
    ]),
  ).describe(
    "Metrics, in leaderboard order: exact_match, token_f1, contains, " +
      "rouge_l, fluency, json_valid, semantic_similarity, recall@K, " +
      "precision@K, mrr@K, ndcg@K; judge metrics (need `judge:`): " +
      "correctness, faithfulness, answer_relevancy, context_precision, " +
      "context_recall, judge_fluency; or a named check: { name, regex } | " +
      "{ name, json_schema } | { name, module, export } | { name, rubric } " +
      "| { name, semantic_similarity: { embedder } }.",
  ),
  concurrency: wholeNumber(1, 256)
    .default(8)
    .describe("Most questions in flight at once."),
  embedders: z
    .record(z.string(), embedderSettingsSchema, {
      error: "a mapping from embedder ids to their settings",
    })
    .optional()
    .describe("Settings of remote embedders, by id (`openai:MODEL`)."),
  limits: z
    .record(z.string(), limitsSchema, {
      error: "a mapping from provider names to limits",
    })
    .optional()
    .describe("Request limits by provider, e.g. `openai: { rpm: 500 }`."),
  retry: retrySchema.optional(),
  prices: z
    .record(z.string(), priceSchema, {
      error: "a mapping from provider:model to prices",
    })
    .optional()
    .describe("Price overrides by `provider:model`, USD per million tokens."),
  cache: z
    .boolean({ error: "true or false" })
    .default(true)
    .describe("Answer identical model calls from the response cache."),
  judge: judgeSchema.optional(),
  budget: strictMapping({
    max_cost_usd: z
      .number({ error: "a number of US dollars above 0" })
      .positive({ error: "a number of US dollars above 0" })
      .describe("Most USD the run may spend on provider calls."),
  })
    .optional()
    .describe(
      "A cost limit: the run stops admitting provider calls before it " +
        "would pass it. `--max-cost` overrides it.",
    ),
  gates: z
    .record(z.string(), listOf(gateRuleSchema), {
      error: "a mapping from metric names to gate rules",
    })
    .optional()
    .describe(
      "Pass/fail rules by metric, checked by `fmops gate` and `fmops " +
        "bench --gate`: an evaluator metric, or cost_usd, latency_p50_ms, " +
        "latency_p95_ms, latency_p99_ms, error_rate. A metric may hold a " +
        "list of rules.",
    ),
}).describe("An fmops experiment: a dataset, a matrix of settings, metrics.");

/** An experiment file after schema validation, before resolution. */
export type ExperimentInput = z.output<typeof experimentInputSchema>;

/** One entry of `matrix.chunking` after validation. */
export type ChunkingInput = z.output<typeof chunkingSchema>;

/** One rule under `gates:` after validation. */
export type GateRuleInput = z.output<typeof gateRuleSchema>;

/** One `exclude` rule after validation. */
export type ExcludeRuleInput = z.output<typeof excludeRuleSchema>;

/** One `include` entry after validation. */
export type IncludeEntryInput = z.output<typeof includeEntrySchema>;

/** One entry of `models:` after validation. */
export type ModelInput = z.output<typeof modelSchema>;

/** The `judge:` section after validation. */
export type JudgeInput = z.output<typeof judgeSchema>;

/** One entry of `embedders:` after validation. */
export type EmbedderSettingsInput = z.output<typeof embedderSettingsSchema>;

/** One entry of `evaluators:` after validation. */
export type EvaluatorInput = z.output<
  typeof experimentInputSchema
>["evaluators"][number];
