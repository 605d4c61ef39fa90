import { BudgetReachedError } from "../errors/budget-reached-error.js";
import { RunStoppedError } from "../errors/run-stopped-error.js";
import { summarizeCell } from "../evaluation/summarize-cell.js";
import { PriceTable } from "../providers/prices/price-table.js";
import type { BenchEvent, Reporter } from "../spec/bench-event.js";
import type { ChatModel } from "../spec/chat-model.js";
import type { ChunkingSpec } from "../spec/chunk.js";
import type { Question } from "../spec/dataset.js";
import type { EmbeddingModel } from "../spec/embedding-model.js";
import type { Evaluator } from "../spec/evaluator.js";
import type {
  Cell,
  CellParams,
  ResolvedExperiment,
} from "../spec/experiment.js";
import type { ProviderRegistry } from "../spec/provider-registry.js";
import type {
  CallRecord,
  CellSummary,
  RunRecord,
  RunStatus,
  RunSummary,
} from "../spec/records.js";
import { groupBy } from "../util/group-by.js";
import { CallBudget } from "./budget/call-budget.js";
import { buildEvaluators } from "./build-evaluators.js";
import { CallRecorder, messageOf } from "./call-recorder.js";
import { CellProgress } from "./cell-progress.js";
import { EvaluationToolbox } from "./evaluation-tools.js";
import { BM25_EMBEDDER } from "./index-key.js";
import { IndexProvider } from "./index-provider.js";
import { type Dataset, loadDataset } from "./load-dataset.js";
import { Memo } from "./memo.js";
import { ModelGateway } from "./model-gateway.js";
import { withEmbed } from "./replace-call.js";
import { ResponseCache } from "./response-cache.js";
import {
  caseKey,
  type RecordedRunReader,
  type RecordedSessions,
  resumeRecordedRun,
} from "./resume-run.js";
import { retrieveHits } from "./retrieve-hits.js";
import { type CaseDependencies, runCase, type TimedHits } from "./run-case.js";
import { runPool } from "./run-pool.js";
import type { ResponseCacheStore, RunWriter } from "./run-writer.js";
import { CallScheduler } from "./scheduling/call-scheduler.js";
import { selectQuestions } from "./select-questions.js";
import { SharedWork } from "./shared-work.js";

export interface BenchOptions {
  experiment: ResolvedExperiment;
  store: RunWriter & ResponseCacheStore & RecordedRunReader;
  providers: ProviderRegistry;
  /** Where content-addressed indexes are kept between runs. */
  cacheDir: string;
  reporters: Reporter[];
  /** The new run's id; a resumed run keeps its own. */
  runId: string;
  /**
   * A recorded run to continue rather than starting one: it runs on the
   * experiment given (its recorded configuration), and only the cases it
   * has not recorded run.
   */
  resume?: RunRecord;
  fmopsVersion: string;
  gitCommit: string | null;
  /** Aborting stops admitting cases; cases in flight finish and are kept. */
  abortSignal?: AbortSignal;
  /** Prices of provider calls. @default the bundled price table */
  prices?: PriceTable;
  /** Overrides the experiment's `cache:` setting (`--no-cache`). */
  isCacheEnabled?: boolean;
  /** Injectable clock. @default () => new Date() */
  now?: () => Date;
}

export interface BenchResult {
  run: RunRecord;
  cells: CellSummary[];
}

/**
 * Runs an experiment: loads the dataset, builds each distinct index once,
 * fans the (cell, question) cases out under the concurrency limit, scores
 * them and records everything as it completes. Prints nothing; reporters
 * hear about progress through events.
 */
export async function runBench(options: BenchOptions): Promise<BenchResult> {
  // Problems with the input surface here, before any run is recorded.
  const dataset = await loadDataset(options.experiment.dataset);
  const evaluators = await buildEvaluators(options.experiment);
  const recorded =
    options.resume === undefined
      ? null
      : resumeRecordedRun(options.store, options.resume, dataset.contentHash);
  return new BenchRun(options, dataset, evaluators, recorded).execute();
}

class BenchRun {
  readonly #options: BenchOptions;
  readonly #dataset: Dataset;
  readonly #evaluators: Evaluator[];
  readonly #now: () => Date;
  readonly #run: RunRecord;
  readonly #recorder: CallRecorder;
  readonly #indexes: IndexProvider;
  readonly #progress: CellProgress;
  readonly #gateway: ModelGateway;
  readonly #budget: CallBudget | null;
  /** True while the index stage runs, before any case. */
  #isIndexing = false;
  readonly #prices: PriceTable;
  /** The questions every cell asks: sampled and repeated as selected. */
  readonly #questions: Question[];
  readonly #recorded: RecordedSessions | null;
  readonly #summaries: CellSummary[] = [];
  readonly #warnings: string[] = [];
  readonly #startMs = performance.now();
  /** Sum of known call costs; `null` once a call of unknown price is seen. */
  #callCostUsd: number | null = 0;

  constructor(
    options: BenchOptions,
    dataset: Dataset,
    evaluators: Evaluator[],
    recorded: RecordedSessions | null,
  ) {
    this.#options = options;
    this.#dataset = dataset;
    this.#evaluators = evaluators;
    this.#recorded = recorded;
    this.#callCostUsd = recorded === null ? 0 : recorded.costUsd;
    this.#questions = selectQuestions(
      dataset.questions.questions,
      options.experiment.selection,
    );
    this.#now = options.now ?? (() => new Date());
    this.#run = recorded?.run ?? this.#newRunRecord();
    this.#recorder = new CallRecorder(
      options.runId,
      (call) => {
        this.#callCostUsd =
          this.#callCostUsd === null || call.costUsd === null
            ? null
            : this.#callCostUsd + call.costUsd;
        options.store.recordCall(call);
        this.#emitCallEnd(call);
      },
      this.#now,
    );
    this.#prices = (options.prices ?? PriceTable.bundled()).withOverrides(
      options.experiment.prices,
    );
    this.#budget = this.#createBudget();
    this.#gateway = this.#createGateway();
    this.#indexes = new IndexProvider({
      corpus: dataset.corpus,
      cacheDir: options.cacheDir,
      providers: options.providers,
      prepareEmbeddingModel: (model, spec) =>
        this.#stoppableWhileIndexing(this.#gateway.embeddingModel(model, spec)),
      embedders: options.experiment.embedders,
      onReady: (info) => this.#emit({ type: "index-ready", ...info }),
    });
    this.#progress = new CellProgress(
      options.experiment.cells,
      this.#questions.length,
    );
  }

  async execute(): Promise<BenchResult> {
    this.#start();
    try {
      await this.#prepareIndexes();
      await this.#runCases(this.#evaluators);
      return this.#finish(...this.#endState());
    } catch (error) {
      // A refused embedding call can stop an index build: that is the
      // budget, or the user's Ctrl-C, doing its work, not a failure.
      if (
        error instanceof BudgetReachedError ||
        error instanceof RunStoppedError
      ) {
        return this.#finish(...this.#endState());
      }
      this.#finish("failed", messageOf(error));
      throw error;
    } finally {
      await this.#indexes.closeAll();
    }
  }

  #start(): void {
    const { store, experiment } = this.#options;
    if (this.#recorded === null) {
      store.createRun(this.#run);
      store.saveCells(
        experiment.cells.map((cell) => ({ runId: this.#run.id, ...cell })),
      );
    }
    // A resumed run's views start each cell from what it recorded.
    const recordedByCell = groupBy(
      this.#recorded?.cases ?? [],
      (record) => record.cellKey,
    );
    this.#emit({
      type: "run-start",
      runId: this.#run.id,
      experimentName: experiment.name,
      cellCount: experiment.cells.length,
      questionCount: this.#questions.length,
      cells: experiment.cells.map(({ key, label }) => {
        const recorded = recordedByCell.get(key) ?? [];
        return {
          key,
          label,
          recordedCases: recorded.length,
          recordedErrors: recorded.filter((record) => record.error !== null)
            .length,
        };
      }),
    });
    this.#countRecordedCases();
    this.#warnOfSmallDataSet();
  }

  /** `--sample N` beyond the data set asks every question; say so. */
  #warnOfSmallDataSet(): void {
    const sampleSize = this.#options.experiment.selection?.sampleSize ?? null;
    const available = this.#dataset.questions.questions.length;
    if (this.#recorded !== null || sampleSize === null) return;
    if (sampleSize <= available) return;
    this.#warn(
      `--sample ${sampleSize}: the data set has ${available} questions; ` +
        "every one is asked",
    );
  }

  /**
   * A resumed run counts what earlier sessions recorded; a cell they
   * finished is summarised again from its recorded cases.
   */
  #countRecordedCases(): void {
    const cellsByKey = new Map(
      this.#options.experiment.cells.map((cell) => [cell.key, cell]),
    );
    for (const record of this.#recorded?.cases ?? []) {
      const cell = cellsByKey.get(record.cellKey);
      if (cell === undefined) continue;
      const finishedCases = this.#progress.add(record);
      if (finishedCases !== null) this.#finishCell(cell, finishedCases);
    }
  }

  /** The index stage: every index any cell needs, before any case runs. */
  async #prepareIndexes(): Promise<void> {
    this.#isIndexing = true;
    try {
      for (const cell of this.#options.experiment.cells) {
        for (const need of indexNeedsOf(cell.params)) {
          if (this.#isStopping()) throw new RunStoppedError("stopped");
          await this.#indexes.get(need.chunking, need.embedder);
        }
      }
    } finally {
      this.#isIndexing = false;
    }
  }

  /**
   * While indexes are built no case is in flight, so a Ctrl-C stops the
   * build before its next embedding call rather than paying for them all.
   * Later, the same model embeds the queries of cases that must finish.
   */
  #stoppableWhileIndexing(model: EmbeddingModel): EmbeddingModel {
    return withEmbed(model, (request) => {
      if (this.#isIndexing && this.#isStopping()) {
        return Promise.reject(new RunStoppedError("stopped"));
      }
      return model.embed(request);
    });
  }

  async #runCases(evaluators: Evaluator[]): Promise<void> {
    const dependencies = this.#caseDependencies(evaluators);
    await runPool(
      this.#casesInOrder(),
      this.#options.experiment.concurrency,
      ({ cell, question }) => this.#runOneCase(dependencies, cell, question),
    );
  }

  /**
   * Question by question, every cell of each: cells that share a
   * retrieval use it while it is fresh, and it can be let go at once.
   */
  *#casesInOrder(): Generator<{ cell: Cell; question: Question }> {
    const recorded = new Set(
      this.#recorded?.cases.map((record) =>
        caseKey(record.cellKey, record.questionId),
      ),
    );
    for (const question of this.#questions) {
      for (const cell of this.#options.experiment.cells) {
        if (recorded.has(caseKey(cell.key, question.id))) continue;
        yield { cell, question };
      }
    }
  }

  async #runOneCase(
    dependencies: CaseDependencies,
    cell: Cell,
    question: Question,
  ): Promise<void> {
    if (this.#isStopping()) return;
    const record = await runCase(dependencies, cell, question);
    // Once the budget refuses calls, a failed case may be one it refused:
    // it is left unrecorded, and resuming the run runs it.
    if (record.error !== null && this.#budget?.isReached === true) return;
    this.#options.store.recordCase(record);
    const finishedCases = this.#progress.add(record);
    this.#emit({
      type: "case-end",
      cellKey: cell.key,
      questionId: question.id,
      completedCases: this.#progress.completedCases,
      totalCases: this.#totalCases(),
      error: record.error,
    });
    if (finishedCases !== null) this.#finishCell(cell, finishedCases);
  }

  #finishCell(cell: Cell, cases: Parameters<typeof summarizeCell>[1]): void {
    const summary = summarizeCell(
      cell,
      cases,
      this.#options.experiment.evaluators,
    );
    this.#summaries.push(summary);
    this.#options.store.saveCellSummary(this.#run.id, summary);
    this.#emit({ type: "cell-end", summary });
  }

  #caseDependencies(evaluators: Evaluator[]): CaseDependencies {
    const retrievals = new SharedWork<TimedHits>(
      countBy(this.#options.experiment.cells, retrievalSignature),
    );
    const chatModels = new Memo<ChatModel>();
    const toolbox = this.#evaluationToolbox();
    return {
      runId: this.#run.id,
      evaluators,
      evaluationToolsFor: (cell, question) =>
        toolbox.forCase(cell.key, question.id),
      retrieve: (cell, question) =>
        retrievals.take(retrievalSignature(cell), question.id, () =>
          this.#timedRetrieve(cell, question),
        ),
      chatModelFor: async (cell) => {
        const spec = cell.params.model;
        if (spec === null) return null;
        return chatModels.get(spec.alias, async () =>
          this.#gateway.chatModel(
            await this.#options.providers.createChatModel(spec),
            spec,
          ),
        );
      },
    };
  }

  /** The judge and evaluation embedders, behind the gateway like any model. */
  #evaluationToolbox(): EvaluationToolbox {
    const { providers, experiment } = this.#options;
    const judge = experiment.judge?.model;
    return new EvaluationToolbox({
      judge:
        judge === undefined
          ? null
          : {
              spec: judge,
              create: async () =>
                this.#gateway.chatModel(
                  await providers.createChatModel(judge),
                  judge,
                ),
            },
      createEmbedder: async (spec) =>
        this.#gateway.embeddingModel(
          await providers.createEmbeddingModel(spec),
          spec,
        ),
    });
  }

  async #timedRetrieve(cell: Cell, question: Question): Promise<TimedHits> {
    const startMs = performance.now();
    const attribution = { cellKey: cell.key, questionId: question.id };
    const hits = await retrieveHits(
      this.#indexes,
      cell.params,
      question.question,
      { attribution },
    );
    return { hits, latencyMs: performance.now() - startMs };
  }

  #finish(status: RunStatus, statusReason: string | null): BenchResult {
    if (status !== "completed") this.#summarizeUnfinishedCells();
    const summary = this.#runSummary();
    const endedAt = this.#now().toISOString();
    // A resumed run may warn again of what an earlier session warned of.
    const warnings = [...new Set([...this.#run.warnings, ...this.#warnings])];
    this.#options.store.finishRun(this.#run.id, {
      status,
      statusReason,
      endedAt,
      summary,
      warnings,
    });
    this.#options.store.flush();
    const run = {
      ...this.#run,
      status,
      statusReason,
      endedAt,
      summary,
      warnings,
    };
    const cells = this.#orderedSummaries();
    this.#emit({ type: "run-end", run, cells });
    return { run, cells };
  }

  /** A stopped run still reports what its partly done cells measured. */
  #summarizeUnfinishedCells(): void {
    const cellsByKey = new Map(
      this.#options.experiment.cells.map((cell) => [cell.key, cell]),
    );
    for (const { cellKey, cases } of this.#progress.unfinishedCells()) {
      const cell = cellsByKey.get(cellKey);
      if (cell !== undefined) this.#finishCell(cell, cases);
    }
  }

  #runSummary(): RunSummary {
    return {
      cellCount: this.#options.experiment.cells.length,
      caseCount: this.#progress.completedCases,
      errorCount: this.#progress.errorCount,
      commonErrors: this.#progress.commonErrors(3),
      indexesBuilt: this.#indexes.builtCount,
      indexesReused: this.#indexes.reusedCount,
      indexBuildMs: this.#indexes.buildMs,
      durationMs:
        (this.#recorded?.durationMs ?? 0) + performance.now() - this.#startMs,
      costUsd: this.#callCostUsd,
    };
  }

  /** Summaries in matrix order, whatever order the cells finished in. */
  #orderedSummaries(): CellSummary[] {
    const byKey = new Map(
      this.#summaries.map((summary) => [summary.cellKey, summary]),
    );
    return this.#options.experiment.cells.flatMap(
      (cell) => byKey.get(cell.key) ?? [],
    );
  }

  #newRunRecord(): RunRecord {
    const { experiment } = this.#options;
    return {
      id: this.#options.runId,
      experimentName: experiment.name,
      experimentPath: experiment.sourcePath,
      configJson: JSON.stringify(experiment),
      configHash: experiment.configHash,
      datasetHash: this.#dataset.contentHash,
      gitCommit: this.#options.gitCommit,
      fmopsVersion: this.#options.fmopsVersion,
      startedAt: this.#now().toISOString(),
      endedAt: null,
      status: "running",
      statusReason: null,
      warnings: [...experiment.warnings, ...this.#dataset.warnings],
      summary: null,
    };
  }

  #totalCases(): number {
    return this.#options.experiment.cells.length * this.#questions.length;
  }

  /** Whether new cases are still admitted: not after Ctrl-C or the budget. */
  #isStopping(): boolean {
    return (
      this.#options.abortSignal?.aborted === true ||
      this.#budget?.isReached === true
    );
  }

  /** How the run ends once no case is left to run. */
  #endState(): [RunStatus, string | null] {
    if (this.#budget?.isReached === true) {
      return ["stopped", this.#budget.describe()];
    }
    if (this.#options.abortSignal?.aborted === true) {
      return ["interrupted", "stopped by the user"];
    }
    return ["completed", null];
  }

  #createBudget(): CallBudget | null {
    const limitUsd = this.#options.experiment.maxCostUsd;
    if (limitUsd === null) return null;
    return new CallBudget({
      limitUsd,
      spentUsd: this.#recorded?.knownCostUsd ?? 0,
      prices: this.#prices,
      onUnpriced: ({ provider, modelId }) =>
        this.#warn(
          `the budget cannot limit calls to ${provider}:${modelId}, whose ` +
            "price is unknown; they are made — add it under prices:",
        ),
      onReached: () =>
        this.#warn(
          `budget of $${limitUsd} reached: no new provider call is made; ` +
            "calls in flight finish",
        ),
    });
  }

  #createGateway(): ModelGateway {
    const { experiment, store } = this.#options;
    const isCacheEnabled =
      this.#options.isCacheEnabled ?? experiment.isCacheEnabled;
    const prices = this.#prices;
    return new ModelGateway({
      recorder: this.#recorder,
      scheduler: new CallScheduler({
        limits: experiment.limits,
        retry: experiment.retry,
        onCircuitOpen: (provider, error) =>
          this.#warn(
            `${provider} kept failing (${messageOf(error)}); fmops stopped ` +
              "sending to it for a while",
          ),
      }),
      cache: isCacheEnabled ? new ResponseCache(store) : null,
      prices,
      onUnknownPrice: (provider, modelId) =>
        this.#warn(
          `no price for ${provider}:${modelId} (price table as of ` +
            `${prices.asOf}); its cost is unknown — add it under prices:`,
        ),
      budget: this.#budget,
      // Repeats measure how answers vary, so each asks the model again.
      isChatCacheBypassed: (experiment.selection?.repeat ?? 1) > 1,
    });
  }

  /** A problem worth telling that does not stop the run; kept with it. */
  #warn(message: string): void {
    this.#warnings.push(message);
    this.#emit({ type: "warning", message });
  }

  #emit(event: BenchEvent): void {
    for (const reporter of this.#options.reporters) reporter.onEvent(event);
  }

  /** Calls come by the thousand: no event is built when nobody listens. */
  #emitCallEnd(call: Omit<CallRecord, "runId">): void {
    if (this.#options.reporters.length === 0) return;
    const { provider, modelId, kind, status, latencyMs, costUsd } = call;
    this.#emit({
      type: "call-end",
      provider,
      modelId,
      kind,
      status,
      latencyMs,
      costUsd,
    });
  }
}

/** One index a cell reads: a chunking and the embedder that indexed it. */
export interface IndexNeed {
  chunking: ChunkingSpec;
  /** Embedder id; `local:bm25` for keyword indexes. */
  embedder: string;
}

/**
 * The indexes a cell's retrieval reads, as `retrieveHits` opens them:
 * dense reads the embedder's index, bm25 the keyword index, hybrid both.
 */
export function indexNeedsOf(params: CellParams): IndexNeed[] {
  const { chunking, retrieval } = params;
  const embedder = params.embedder ?? BM25_EMBEDDER;
  const dense = { chunking, embedder };
  const keyword = { chunking, embedder: BM25_EMBEDDER };
  switch (retrieval) {
    case "dense":
      return [dense];
    case "bm25":
      return [keyword];
    case "hybrid":
      return embedder === BM25_EMBEDDER ? [keyword] : [dense, keyword];
  }
}

/** Cells that differ only in model or prompt share one retrieval. */
export function retrievalSignature(cell: Cell): string {
  const { chunking, embedder, retrieval, topK } = cell.params;
  return JSON.stringify([chunking, embedder, retrieval, topK]);
}

function countBy<Item>(
  items: readonly Item[],
  keyOf: (item: Item) => string,
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const key = keyOf(item);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}
