import { type Dataset, loadDataset } from "../engine/load-dataset.js";
import { Memo } from "../engine/memo.js";
import { type IndexNeed, indexNeedsOf } from "../engine/run-bench.js";
import { selectQuestions } from "../engine/select-questions.js";
import { PriceTable } from "../providers/prices/price-table.js";
import type { CallPurpose } from "../spec/call-attribution.js";
import type { Question } from "../spec/dataset.js";
import type {
  Cell,
  ModelSpec,
  ResolvedExperiment,
} from "../spec/experiment.js";
import type { ProviderRegistry } from "../spec/provider-registry.js";
import { CallTally } from "./call-tally.js";
import { type ChunkStatistics, chunkStatistics } from "./chunk-statistics.js";
import type {
  ExperimentPlan,
  OutputTokenEstimate,
  PlannedCell,
} from "./experiment-plan.js";
import { indexNeedName } from "./index-needs.js";
import { isIndexCached } from "./is-index-cached.js";
import {
  DEFAULT_OUTPUT_TOKENS,
  estimateOutputTokens,
  type PlanningHistory,
  recordedOutputTokens,
  referenceAnswerTokens,
} from "./output-token-estimate.js";
import {
  type CaseTokens,
  type EvaluationPlanning,
  planEvaluationCalls,
} from "./plan-evaluation-calls.js";
import {
  type GenerationPlanning,
  planCellGeneration,
} from "./plan-generation.js";
import { keyOfNeed, planIndex } from "./plan-indexes.js";
import { planQueryEmbeddings } from "./plan-query-embeddings.js";
import { PlanRetriever } from "./plan-retriever.js";

export interface PlanOptions {
  experiment: ResolvedExperiment;
  /** Where a run would find cached indexes. */
  cacheDir: string;
  /** Makes local models for local retrieval; no remote model is called. */
  providers: ProviderRegistry;
  /** The results store, for cached responses and recorded reply lengths. */
  history: PlanningHistory | null;
  /** @default the bundled price table */
  prices?: PriceTable;
  /** Overrides the experiment's `cache:` setting (`--no-cache`). */
  isCacheEnabled?: boolean;
}

/**
 * Works out what a run of `experiment` would do and cost, calling no
 * model: the indexes to build or reuse, each cell's generation calls and
 * those the response cache answers, the judge calls, and the tokens and
 * cost of all calls to send.
 */
export async function planExperiment(
  options: PlanOptions,
): Promise<ExperimentPlan> {
  const dataset = await loadDataset(options.experiment.dataset);
  const planner = new Planner(options, dataset);
  try {
    return await planner.plan();
  } finally {
    await planner.close();
  }
}

class Planner {
  readonly #options: PlanOptions;
  readonly #dataset: Dataset;
  readonly #tally: CallTally;
  readonly #embedders: ReadonlyMap<
    string,
    ResolvedExperiment["embedders"][number]
  >;
  readonly #statistics = new Memo<ChunkStatistics>();
  readonly #retriever: PlanRetriever;
  readonly #isCacheEnabled: boolean;
  readonly #cachedIndexes = new Map<string, boolean>();
  readonly #caseTokens = new Map<string, CaseTokens>();
  /** The questions every cell asks: sampled and repeated as selected. */
  readonly #questions: Question[];

  constructor(options: PlanOptions, dataset: Dataset) {
    const { experiment } = options;
    this.#options = options;
    this.#dataset = dataset;
    this.#questions = selectQuestions(
      dataset.questions.questions,
      experiment.selection,
    );
    this.#tally = new CallTally(
      (options.prices ?? PriceTable.bundled()).withOverrides(experiment.prices),
    );
    this.#embedders = new Map(
      experiment.embedders.map((spec) => [spec.id, spec]),
    );
    this.#isCacheEnabled = options.isCacheEnabled ?? experiment.isCacheEnabled;
    this.#retriever = new PlanRetriever({
      corpus: dataset.corpus,
      cacheDir: options.cacheDir,
      providers: options.providers,
      embedders: experiment.embedders,
      isCached: (need) => this.#isNeedCached(need),
    });
  }

  async plan(): Promise<ExperimentPlan> {
    const { experiment } = this.#options;
    const questions = this.#questions;
    const cellNeeds = experiment.cells.map((cell) => ({
      cell,
      needs: indexNeedsOf(cell.params),
    }));
    const indexes = [];
    for (const need of distinctNeeds(cellNeeds.flatMap(({ needs }) => needs))) {
      indexes.push(await planIndex(this.#indexPlanning(), need));
    }
    const outputTokens = this.#outputEstimates();
    const cells = await this.#planCells(cellNeeds, outputTokens);
    planQueryEmbeddings(
      {
        questions,
        embedders: this.#embedders,
        tally: this.#tally,
        isCacheEnabled: this.#isCacheEnabled,
      },
      cellNeeds,
    );
    planEvaluationCalls(
      this.#evaluationPlanning(outputTokens),
      experiment.evaluatorSpecs,
      experiment.cells,
    );
    return {
      experimentName: experiment.name,
      cellCount: experiment.cells.length,
      questionCount: questions.length,
      caseCount: experiment.cells.length * questions.length,
      indexes,
      cells,
      calls: this.#tally.estimates(),
      outputTokens: [...outputTokens.values()],
      totals: this.#tally.totals(),
      notes: planNotes(cells, outputTokens),
    };
  }

  close(): Promise<void> {
    return this.#retriever.close();
  }

  async #planCells(
    cellNeeds: ReadonlyArray<{
      cell: ResolvedExperiment["cells"][number];
      needs: IndexNeed[];
    }>,
    outputTokens: ReadonlyMap<string, OutputTokenEstimate>,
  ): Promise<PlannedCell[]> {
    const planning: GenerationPlanning = {
      questions: this.#questions,
      retriever: this.#retriever,
      tally: this.#tally,
      outputTokensOf: (spec) =>
        outputTokens.get(spec.alias)?.tokensPerCall ?? 0,
      isCachedResponse: this.#cacheLookup(),
      sharedHits: new Map(),
    };
    const cells: PlannedCell[] = [];
    for (const { cell, needs } of cellNeeds) {
      const [firstNeed] = needs;
      if (firstNeed === undefined) continue;
      const statistics = await this.#statisticsOf(firstNeed);
      this.#caseTokens.set(
        cell.key,
        caseTokensOf(cell, statistics, planning.outputTokensOf),
      );
      cells.push(await planCellGeneration(planning, cell, needs, statistics));
    }
    return cells;
  }

  #evaluationPlanning(
    outputTokens: ReadonlyMap<string, OutputTokenEstimate>,
  ): EvaluationPlanning {
    const judge = this.#options.experiment.judge;
    const judgeOutput = outputTokens.get(JUDGE_ALIAS);
    return {
      judge,
      questions: this.#questions,
      tally: this.#tally,
      judgeOutputTokens: judgeOutput?.tokensPerCall ?? 0,
      caseTokensOf: (cell) =>
        this.#caseTokens.get(cell.key) ?? {
          answerTokens: null,
          contextTokens: 0,
        },
    };
  }

  /** Reply length of each chat model the cells use, by alias. */
  #outputEstimates(): Map<string, OutputTokenEstimate> {
    const { history, experiment } = this.#options;
    const recorded = (purpose: CallPurpose) =>
      history === null
        ? new Map<string, number>()
        : recordedOutputTokens(history, purpose);
    const answers = recorded("system");
    const reference = referenceAnswerTokens(this.#dataset.questions.questions);
    const estimates = new Map<string, OutputTokenEstimate>();
    for (const spec of chatModelsOf(experiment)) {
      const recordedMean = answers.get(modelName(spec));
      estimates.set(
        spec.alias,
        estimateOutputTokens(spec, recordedMean, reference),
      );
    }
    const judge = experiment.judge?.model;
    if (judge !== undefined) {
      const recordedMean = recorded("evaluation").get(modelName(judge));
      estimates.set(
        JUDGE_ALIAS,
        estimateOutputTokens(judge, recordedMean, null),
      );
    }
    return estimates;
  }

  /** Repeated runs ask the model every time: no chat answer is read. */
  #cacheLookup(): ((key: string) => boolean) | null {
    const history = this.#options.history;
    const repeat = this.#options.experiment.selection?.repeat ?? 1;
    if (!this.#isCacheEnabled || history === null || repeat > 1) return null;
    return (key) => history.getCachedResponse(key) !== null;
  }

  #indexPlanning() {
    return {
      corpus: this.#dataset.corpus,
      embedders: this.#embedders,
      providers: this.#options.providers,
      tally: this.#tally,
      isCached: (key: string) => this.#isIndexCached(key),
      statisticsOf: (need: IndexNeed) => this.#statisticsOf(need),
    };
  }

  #isNeedCached(need: IndexNeed): boolean {
    return this.#isIndexCached(
      keyOfNeed(this.#dataset.corpus, this.#embedders, need),
    );
  }

  /** Looked up once per key: cells ask again for every question. */
  #isIndexCached(key: string): boolean {
    let isCached = this.#cachedIndexes.get(key);
    if (isCached === undefined) {
      isCached = isIndexCached(this.#options.cacheDir, key);
      this.#cachedIndexes.set(key, isCached);
    }
    return isCached;
  }

  #statisticsOf(need: IndexNeed): Promise<ChunkStatistics> {
    return this.#statistics.get(JSON.stringify(need.chunking), () =>
      chunkStatistics(this.#dataset.corpus, need.chunking),
    );
  }
}

/** The judge's key among the chat models' reply estimates. */
const JUDGE_ALIAS = "\u0000judge";

function modelName(spec: ModelSpec): string {
  return `${spec.provider}:${spec.model}`;
}

/** Tokens a case of `cell` hands its evaluators. */
function caseTokensOf(
  cell: Cell,
  statistics: ChunkStatistics,
  outputTokensOf: (spec: ModelSpec) => number,
): CaseTokens {
  const spec = cell.params.model;
  const passageCount = Math.min(cell.params.topK, statistics.chunks.length);
  return {
    answerTokens: spec === null ? null : outputTokensOf(spec),
    contextTokens: passageCount * statistics.meanPassageTokens,
  };
}

/** Where the plan had to assume rather than count. */
function planNotes(
  cells: readonly PlannedCell[],
  outputTokens: ReadonlyMap<string, OutputTokenEstimate>,
): string[] {
  const notes: string[] = [];
  const estimated = cells.filter((cell) => cell.promptSource === "estimated");
  if (estimated.length > 0) {
    notes.push(
      `cells that retrieve with an embedder that would have to be called ` +
        `(or an index not yet built): ${estimated.length}; their prompts ` +
        "are estimated with top_k passages of mean length, and the " +
        "response cache is not checked for them.",
    );
  }
  if ([...outputTokens.values()].some(isGuessedReply)) {
    notes.push(
      "Reply lengths without recorded runs are taken from the reference " +
        "answers, max_output_tokens or a default of " +
        `${DEFAULT_OUTPUT_TOKENS} tokens; a first run replaces them with ` +
        "measured means.",
    );
  }
  return notes;
}

function isGuessedReply(estimate: OutputTokenEstimate): boolean {
  return estimate.source !== "recorded";
}

function distinctNeeds(needs: readonly IndexNeed[]): IndexNeed[] {
  const byName = new Map(needs.map((need) => [indexNeedName(need), need]));
  return [...byName.values()];
}

function chatModelsOf(experiment: ResolvedExperiment): ModelSpec[] {
  const byAlias = new Map<string, ModelSpec>();
  for (const cell of experiment.cells) {
    const spec = cell.params.model;
    if (spec !== null) byAlias.set(spec.alias, spec);
  }
  return [...byAlias.values()];
}
