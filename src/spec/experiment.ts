import type { ChunkingSpec } from "./chunk.js";

/** How chunks are ranked for a question; one value of the `retrieval` axis. */
export type RetrievalMode = "dense" | "bm25" | "hybrid";

/**
 * How to reach a provider; which keys apply depends on the provider. Paths
 * are absolute. Secrets never appear here, only the names of the
 * environment variables that hold them.
 */
export interface ProviderSettings {
  /** OpenAI-compatible server root, e.g. `http://localhost:8000/v1`. */
  baseUrl?: string;
  /** Environment variable holding the API key. @default "OPENAI_API_KEY" */
  apiKeyEnv?: string;
  /** AWS region for Bedrock; the standard AWS chain when absent. */
  region?: string;
  /** Bedrock endpoint override, e.g. a local server. */
  endpoint?: string;
  /** `exec`: the command and its arguments, run once per case. */
  command?: string[];
  /** `module` and `langchain`: the file that exports the model. */
  modulePath?: string;
  /** `module` and `langchain`: the export to use. @default "default" */
  exportName?: string;
  /** Most texts per embedding request. */
  batchSize?: number;
  /** Vector length an embedding model returns, when it cannot be known. */
  dimensions?: number;
  /** Whether chat calls stream (measures time to first token). @default true */
  stream?: boolean;
}

/** A chat model as declared under `models:` in the experiment file. */
export interface ModelSpec {
  /** Name the matrix uses for this model. */
  alias: string;
  /** Provider name: `local`, `openai`, `bedrock`, `exec`, `module`, `langchain`. */
  provider: string;
  /** Model id within the provider, e.g. `extractive`, `gpt-4o-mini`. */
  model: string;
  /** Generation parameters passed through to the provider. */
  temperature?: number;
  maxOutputTokens?: number;
  /** Connection settings; empty for local models. */
  settings?: ProviderSettings;
}

/** An embedder of the `embedder` axis with its connection settings. */
export interface EmbedderSpec {
  /** `provider:model`, e.g. `local:glove-100d`, `openai:text-embedding-3-small`. */
  id: string;
  provider: string;
  model: string;
  settings: ProviderSettings;
}

/** A prompt template; `{{question}}` and `{{context}}` are filled per case. */
export interface PromptSpec {
  /** Path relative to the experiment file, or `builtin:NAME`. */
  id: string;
  template: string;
  /** sha256 of the template; prompts are versioned by content. */
  contentHash: string;
}

/** The parameters of one cell of the matrix. */
export interface CellParams {
  chunking: ChunkingSpec;
  /**
   * Embedder id such as `local:bm25` or `local:glove-100d`; `null` when the
   * retrieval mode does not use one (`bm25`).
   */
  embedder: string | null;
  topK: number;
  retrieval: RetrievalMode;
  /** `null` for retrieval-only experiments. */
  model: ModelSpec | null;
  /** `null` for retrieval-only experiments. */
  prompt: PromptSpec | null;
}

export interface Cell {
  /** Stable key: a hash of the canonical parameters. */
  key: string;
  /** Short human-readable name, e.g. `recursive/256t · bm25 · k3`. */
  label: string;
  params: CellParams;
}

export interface DatasetSpec {
  /** Absolute path: a folder of .md/.txt files, or a BEIR corpus.jsonl. */
  corpusPath: string;
  corpusFormat: "folder" | "beir";
  /** Absolute path to the questions file. */
  questionsPath: string;
  questionsFormat: "jsonl" | "csv" | "yaml" | "beir";
  /** BEIR qrels TSV; set exactly when `questionsFormat` is `beir`. */
  qrelsPath: string | null;
}

/** Per-provider request limits, from `limits:`. */
export interface ProviderLimitsSpec {
  /** Most calls in flight to the provider. */
  concurrency?: number;
  requestsPerMinute?: number;
  tokensPerMinute?: number;
}

/** How failed provider calls are retried, from `retry:`. */
export interface RetrySpec {
  /** Tries per call, the first included. @default 4 */
  maxAttempts: number;
  /** Backoff before the second try; doubles each time. @default 500 */
  initialDelayMs: number;
  /** Longest backoff, unless the server asks for longer. @default 30000 */
  maxDelayMs: number;
  /** Longest a single try may take. @default 60000 */
  timeoutMs: number;
}

/** A price override, USD per million tokens (and per request). */
export interface PriceSpec {
  input: number;
  output: number;
  cachedInput?: number;
  perRequest?: number;
}

/**
 * An evaluator that is built rather than looked up by name: the offline
 * answer checks, and a team's own evaluator module. `name` is the metric
 * name results carry.
 */
export type EvaluatorSpec =
  /** Surface readability and repetition; see `offlineFluency`. */
  | { kind: "fluency"; name: string }
  /** ROUGE-L F-measure against the question's gold answers. */
  | { kind: "rouge_l"; name: string }
  /** 1 when the answer matches a JavaScript `pattern` with `flags`. */
  | { kind: "regex"; name: string; pattern: string; flags: string }
  /** 1 when the answer is JSON (or holds it in a ```json block). */
  | { kind: "json_valid"; name: string }
  /** 1 when the answer's JSON validates against the JSON Schema `schema`. */
  | { kind: "json_schema"; name: string; schema: object }
  /**
   * A team's own synchronous scoring function, exported as `exportName`
   * from the file at the absolute `modulePath` (.js, .mjs or .ts).
   */
  | { kind: "module"; name: string; modulePath: string; exportName: string }
  /**
   * Cosine similarity of the answer's and the gold answers' embeddings
   * (the best over gold answers), from `embedder`.
   */
  | { kind: "semantic_similarity"; name: string; embedder: EmbedderSpec }
  /**
   * A metric the judge model scores with one of fmops's prompts;
   * `answer_relevancy` embeds with the judge's embedder.
   */
  | {
      kind: "judge";
      name: string;
      metric: JudgeMetric;
      prompt: JudgePromptSpec;
    }
  /** A 1–5 rubric of the team's own, scored by the judge, mapped to 0–1. */
  | { kind: "rubric"; name: string; prompt: JudgePromptSpec };

/** The metrics a judge model scores with prompts shipped with fmops. */
export type JudgeMetric =
  | "correctness"
  | "faithfulness"
  | "answer_relevancy"
  | "context_precision"
  | "context_recall"
  | "judge_fluency";

/**
 * A judge prompt: a versioned file shipped with fmops, or a rubric file
 * of the team's. Its version and content hash are part of the resolved
 * configuration, so a changed prompt changes the configuration hash.
 */
export interface JudgePromptSpec {
  /** `judge/faithfulness.v1`, or a rubric path relative to the experiment. */
  id: string;
  /** `v1` for shipped prompts; `null` for rubric files, versioned by hash. */
  version: string | null;
  template: string;
  /** sha256 of the template. */
  contentHash: string;
}

/** The model that scores answers, from `judge:`. */
export interface JudgeSpec {
  /** Written like a `models:` entry; its alias is `judge`. */
  model: ModelSpec;
  /**
   * Embedder of `answer_relevancy` and of `semantic_similarity` when it
   * names none. @default local:glove-100d
   */
  embedder: EmbedderSpec;
  /**
   * Further tries when a reply is not JSON of the expected shape; each
   * tells the judge what was wrong. @default 1
   */
  parseRetries: number;
}

/**
 * Which cells a gate checks: `best` (the best cell by the first metric),
 * `all`, or one cell named by a key prefix or its label.
 */
export type GateCellScope = "best" | "all" | { cell: string };

/**
 * A pass/fail rule on one metric of a run: bounds on its value, and limits
 * on how much it may worsen against a baseline run. At least one is set.
 */
export interface GateSpec {
  /** An evaluator metric of the experiment, or a run figure (`cost_usd`). */
  metric: string;
  /** Fails below this value. */
  min: number | null;
  /** Fails above this value. */
  max: number | null;
  /**
   * Fails when the metric worsens by more than this against the baseline
   * (the same cell; for `best`, the baseline's best cell): a fall for
   * scores, a rise for cost, latency and errors.
   */
  maxDrop: number | null;
  /** Fails when a paired test says the score fell, at p < 0.05. */
  isSignificantDropFailing: boolean;
  /** @default "best" */
  scope: GateCellScope;
}

/** Which questions a run asks, and how often. */
export interface CaseSelection {
  /** Questions drawn at random, the same for every cell; `null` for all. */
  sampleSize: number | null;
  /** Seed of the draw. @default 1 */
  seed: number;
  /**
   * Times each (cell, question) case runs. Repeat r ≥ 2 of question `q`
   * is recorded as question `q#r`. @default 1
   */
  repeat: number;
  /** The `--filter KEY=VALUE` expressions that narrowed the cells. */
  filters: string[];
}

/** An experiment with defaults applied and paths resolved: what runs. */
export interface ResolvedExperiment {
  name: string;
  description: string | null;
  /** Absolute path of the experiment file. */
  sourcePath: string;
  /** sha256 of the canonical resolved configuration. */
  configHash: string;
  dataset: DatasetSpec;
  /** Cells after product, exclusions, inclusions and de-duplication. */
  cells: Cell[];
  /** Metric names, in the order the leaderboard shows them. */
  evaluators: string[];
  /** How to build the evaluators among them that are not built in by name. */
  evaluatorSpecs: EvaluatorSpec[];
  /** The judge model; `null` when the experiment has no `judge:`. */
  judge: JudgeSpec | null;
  /** Most cases in flight at once. @default 8 */
  concurrency: number;
  /** Each dense embedder the cells use, with its settings. */
  embedders: EmbedderSpec[];
  /** Request limits by provider name. */
  limits: Record<string, ProviderLimitsSpec>;
  retry: RetrySpec;
  /** Price overrides by `provider:model`. */
  prices: Record<string, PriceSpec>;
  /** Whether identical model calls are answered from the response cache. @default true */
  isCacheEnabled: boolean;
  /**
   * Most USD the run may spend on provider calls, resumed sessions
   * included; from `budget: { max_cost_usd }` or `--max-cost`.
   * @default null (no limit)
   */
  maxCostUsd: number | null;
  /**
   * Which cases run, set by `fmops bench --sample/--filter/--repeat` and
   * recorded with the run so a resumed run runs the same ones. Absent:
   * every cell, every question, once.
   */
  selection?: CaseSelection;
  /** Pass/fail rules `fmops gate` and `fmops bench --gate` check. */
  gates: GateSpec[];
  /** Settings that were accepted but adjusted; stored with the run. */
  warnings: string[];
}
