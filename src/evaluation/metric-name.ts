import type { JudgeMetric } from "../spec/experiment.js";

/** Metrics computed from the generated answer. */
export const ANSWER_METRICS = ["exact_match", "token_f1", "contains"] as const;

/** Metrics computed from the ranked documents; each takes a cut-off `@k`. */
export const RETRIEVAL_METRICS = [
  "recall",
  "precision",
  "mrr",
  "ndcg",
] as const;

export type AnswerMetric = (typeof ANSWER_METRICS)[number];
export type RetrievalMetric = (typeof RETRIEVAL_METRICS)[number];

/** Answer checks that need no reference and no judge, built by name. */
export const OFFLINE_METRICS = ["fluency", "rouge_l", "json_valid"] as const;

export type OfflineMetric = (typeof OFFLINE_METRICS)[number];

/** Metrics a judge model scores with prompts shipped with fmops. */
export const JUDGE_METRICS = [
  "correctness",
  "faithfulness",
  "answer_relevancy",
  "context_precision",
  "context_recall",
  "judge_fluency",
] as const satisfies readonly JudgeMetric[];

/** Judge metrics that score the retrieved passages, not the answer. */
export const RETRIEVAL_JUDGE_METRICS: readonly JudgeMetric[] = [
  "context_precision",
  "context_recall",
];

/** Cosine similarity of answer and gold answers in an embedding space. */
export const SIMILARITY_METRIC = "semantic_similarity";

export type ParsedMetricName =
  | { kind: "answer"; metric: AnswerMetric }
  | { kind: "offline"; metric: OfflineMetric }
  | { kind: "judge"; metric: JudgeMetric }
  | { kind: "similarity" }
  | { kind: "retrieval"; metric: RetrievalMetric; cutoff: number };

/** Parses `token_f1` or `ndcg@10`; `null` when the name is not a metric. */
export function parseMetricName(name: string): ParsedMetricName | null {
  if ((ANSWER_METRICS as readonly string[]).includes(name)) {
    return { kind: "answer", metric: name as AnswerMetric };
  }
  if ((OFFLINE_METRICS as readonly string[]).includes(name)) {
    return { kind: "offline", metric: name as OfflineMetric };
  }
  if ((JUDGE_METRICS as readonly string[]).includes(name)) {
    return { kind: "judge", metric: name as JudgeMetric };
  }
  if (name === SIMILARITY_METRIC) return { kind: "similarity" };
  const match = /^([a-z]+)@([1-9][0-9]*)$/.exec(name);
  if (match === null) return null;
  const [, metric, cutoff] = match;
  if (!(RETRIEVAL_METRICS as readonly string[]).includes(metric ?? "")) {
    return null;
  }
  return {
    kind: "retrieval",
    metric: metric as RetrievalMetric,
    cutoff: Number(cutoff),
  };
}

/** In words, for error messages. */
export const METRIC_NAME_HELP =
  "exact_match, token_f1, contains, rouge_l, fluency, json_valid, " +
  "semantic_similarity, recall@K, precision@K, mrr@K, ndcg@K, or a judge " +
  "metric: correctness, faithfulness, answer_relevancy, context_precision, " +
  "context_recall, judge_fluency";
