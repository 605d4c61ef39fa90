import { dirname, resolve } from "node:path";
import { loadExperiment } from "../../config/load-experiment.js";
import { type BenchResult, runBench } from "../../engine/run-bench.js";
import { createProviderRegistry } from "../../providers/create-provider-registry.js";
import type { Reporter } from "../../spec/bench-event.js";
import { createRunId } from "../../store/create-run-id.js";
import { openResultsStore } from "../../store/open-results-store.js";
import type { CliIo } from "../cli-io.js";
import { EXIT_CODES, type ExitCode } from "../exit-codes.js";
import { packageVersion } from "../package-version.js";
import { readGitCommit } from "../read-git-commit.js";
import { renderLeaderboard } from "../render/render-leaderboard.js";
import { renderRunHeader } from "../render/render-run-header.js";
import { formatJson, toRunJson } from "../render/run-json.js";
import { PlainReporter } from "../reporters/plain-reporter.js";
import { resolveCacheDir, resolveDbPath } from "../resolve-locations.js";
import type { BenchFlags } from "./bench-command.js";

/** Runs `fmops bench FILE` and returns its exit code. */
export async function bench(
  file: string,
  flags: BenchFlags,
  io: CliIo,
): Promise<ExitCode> {
  const experimentPath = resolve(io.cwd, file);
  const experiment = await loadExperiment(experimentPath);
  if (flags.concurrency !== undefined)
    experiment.concurrency = flags.concurrency;

  const cacheDir = resolveCacheDir(flags.cacheDir, io);
  const store = openResultsStore(resolveDbPath(flags.db, io));
  const abort = new AbortController();
  const stopListening = listenForInterrupts(io, abort);
  const runId = createRunId(new Date());
  let hasStarted = false;
  const startWatcher: Reporter = {
    onEvent: (event) => {
      if (event.type === "run-start") hasStarted = true;
    },
  };
  try {
    const result = await runBench({
      experiment,
      store,
      providers: createProviderRegistry({
        cacheDir,
        workingDirectory: dirname(experimentPath),
        gloveSourcePath: io.env.FMOPS_GLOVE_VECTORS,
      }),
      cacheDir,
      reporters: [
        startWatcher,
        ...createReporters(flags, io, experiment.evaluators[0]),
      ],
      runId,
      fmopsVersion: packageVersion(),
      gitCommit: await readGitCommit(dirname(experimentPath)),
      abortSignal: abort.signal,
      // Only `--no-cache` overrides the experiment's own setting.
      isCacheEnabled: flags.cache ? undefined : false,
    });
    printResult(result, flags, io, experiment.evaluators);
    return result.run.status === "interrupted"
      ? EXIT_CODES.interrupted
      : EXIT_CODES.ok;
  } catch (error) {
    // Before the run starts, a problem is the input's (exit 2); after, the
    // run is recorded as failed and the exit code says so.
    if (!hasStarted) throw error;
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`error: run ${runId} failed: ${message}\n`);
    return EXIT_CODES.runFailed;
  } finally {
    stopListening();
    store.close();
  }
}

function createReporters(
  flags: BenchFlags,
  io: CliIo,
  headlineMetric: string | undefined,
): Reporter[] {
  if (flags.quiet || flags.json) return [];
  return [
    new PlainReporter({
      write: (line) => io.stderr.write(line),
      headlineMetric,
    }),
  ];
}

function printResult(
  result: BenchResult,
  flags: BenchFlags,
  io: CliIo,
  metricNames: string[],
): void {
  if (flags.json) {
    io.stdout.write(
      formatJson({ run: toRunJson(result.run), cells: result.cells }),
    );
    return;
  }
  io.stdout.write(`\n${renderRunHeader(result.run)}\n`);
  io.stdout.write(renderLeaderboard(result.cells, metricNames));
}

/** First Ctrl-C: finish the cases in flight and keep them. Second: leave now. */
function listenForInterrupts(io: CliIo, abort: AbortController): () => void {
  if (io.onInterrupt === undefined) return () => {};
  return io.onInterrupt(() => {
    if (abort.signal.aborted) process.exit(EXIT_CODES.interrupted);
    io.stderr.write(
      "\nstopping: finishing the cases in flight (Ctrl-C again to quit now)\n",
    );
    abort.abort();
  });
}
