import { dirname } from "node:path";
import { type BenchResult, runBench } from "../../engine/run-bench.js";
import { FmopsError } from "../../errors/fmops-error.js";
import { createProviderRegistry } from "../../providers/create-provider-registry.js";
import type { Reporter } from "../../spec/bench-event.js";
import type { RunStatus } from "../../spec/records.js";
import { createRunId } from "../../store/create-run-id.js";
import { openResultsStore } from "../../store/open-results-store.js";
import type { ResultsStore } from "../../store/results-store.js";
import type { CliIo } from "../cli-io.js";
import { EXIT_CODES, type ExitCode } from "../exit-codes.js";
import { packageVersion } from "../package-version.js";
import { readGitCommit } from "../read-git-commit.js";
import { renderLeaderboard } from "../render/render-leaderboard.js";
import { renderRunHeader } from "../render/render-run-header.js";
import { formatJson, toRunJson } from "../render/run-json.js";
import { createReporters } from "../reporters/create-reporters.js";
import { resolveCacheDir, resolveDbPath } from "../resolve-locations.js";
import type { BenchFlags } from "./bench-command.js";
import {
  type BenchTarget,
  newBenchTarget,
  resumedBenchTarget,
} from "./bench-target.js";
import { assertHasGates, gateAfterBench } from "./gate-action.js";

/** Exit codes of runs that ended without failing. */
const EXIT_CODE_BY_STATUS: Partial<Record<RunStatus, ExitCode>> = {
  completed: EXIT_CODES.ok,
  interrupted: EXIT_CODES.interrupted,
  stopped: EXIT_CODES.budgetReached,
};

/** Runs `fmops bench FILE` or `fmops bench --resume RUN`; returns its exit code. */
export async function bench(
  file: string | undefined,
  flags: BenchFlags,
  io: CliIo,
): Promise<ExitCode> {
  // A bad file is reported before the results store is touched.
  const fresh =
    flags.resume === undefined ? await newRunTarget(file, flags, io) : null;
  const store = openResultsStore(resolveDbPath(flags.db, io));
  try {
    const target = fresh ?? (await resumedBenchTarget(file, flags, io, store));
    return await runTarget(target, flags, io, store);
  } finally {
    store.close();
  }
}

function newRunTarget(
  file: string | undefined,
  flags: BenchFlags,
  io: CliIo,
): Promise<BenchTarget> {
  if (file === undefined) {
    throw new FmopsError(
      "USAGE",
      "missing the experiment file: fmops bench FILE, or fmops bench " +
        "--resume RUN to continue a run",
    );
  }
  return newBenchTarget(file, flags, io);
}

async function runTarget(
  { experiment, resume }: BenchTarget,
  flags: BenchFlags,
  io: CliIo,
  store: ResultsStore,
): Promise<ExitCode> {
  const experimentPath = experiment.sourcePath;
  if (flags.gate) assertHasGates(experiment.gates, experimentPath);
  const cacheDir = resolveCacheDir(flags.cacheDir, io);
  const abort = new AbortController();
  const stopListening = listenForInterrupts(io, abort);
  const runId = resume?.id ?? createRunId(new Date());
  let hasStarted = false;
  const startWatcher: Reporter = {
    onEvent: (event) => {
      if (event.type === "run-start") hasStarted = true;
    },
  };
  const progress = await createReporters(
    {
      isSilent: flags.quiet === true || flags.json === true,
      isPlainForced: flags.live === false || flags.plain === true,
      headlineMetric: experiment.evaluators[0],
    },
    io,
  );
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
      reporters: [startWatcher, ...progress.reporters],
      runId,
      resume,
      fmopsVersion: packageVersion(),
      gitCommit: await readGitCommit(dirname(experimentPath)),
      abortSignal: abort.signal,
    });
    // The live view's last frame stays above the leaderboard.
    await progress.close();
    printResult(result, flags, io, experiment.evaluators);
    const exitCode =
      EXIT_CODE_BY_STATUS[result.run.status] ?? EXIT_CODES.runFailed;
    if (!flags.gate || exitCode !== EXIT_CODES.ok) return exitCode;
    return gateAfterBench(store, result.run, io, flags);
  } catch (error) {
    // Before the run starts, a problem is the input's (exit 2); after, the
    // run is recorded as failed and the exit code says so.
    if (!hasStarted) throw error;
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`error: run ${runId} failed: ${message}\n`);
    return EXIT_CODES.runFailed;
  } finally {
    await progress.close();
    stopListening();
  }
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
