import { ProviderCallError } from "../../errors/provider-call-error.js";
import { raceWithAbort } from "../../util/race-with-abort.js";
import type { Clock } from "./clock.js";
import { createAbortedError } from "./create-aborted-error.js";

/** Why an attempt's deadline timer is cancelled: it settled in time. */
const ATTEMPT_SETTLED = Symbol("attempt settled");

/** What an attempt is told about itself. */
export interface AttemptContext {
  /** Which try this is, from 1. */
  attempt: number;
  /**
   * Aborts when the caller aborts or the attempt runs out of time; the
   * attempt must pass it on to its HTTP call.
   */
  abortSignal: AbortSignal;
}

/** One attempt to run, with what bounds it. */
export interface AttemptRun<Result> {
  provider: string;
  modelId: string;
  attempt: number;
  timeoutMs: number;
  clock: Clock;
  callerSignal?: AbortSignal;
  work: (context: AttemptContext) => Promise<Result>;
}

/**
 * Runs one attempt under a deadline kept on `clock`. It settles the moment
 * the deadline passes or the caller aborts, even if the attempt ignores
 * its signal: then with a retryable `timeout` error (whatever the attempt
 * threw on its way out) or an `aborted` one.
 */
export async function runAttempt<Result>(
  run: AttemptRun<Result>,
): Promise<Result> {
  const { callerSignal } = run;
  if (callerSignal?.aborted) {
    throw createAbortedError(run.provider, run.modelId, callerSignal.reason);
  }

  const attemptController = new AbortController();
  const timerController = new AbortController();
  // Built only when the deadline passes: an error's stack is costly, and
  // nearly every attempt ends in time.
  let timeoutError: ProviderCallError | null = null;
  const onCallerAbort = () => attemptController.abort(callerSignal?.reason);
  callerSignal?.addEventListener("abort", onCallerAbort, { once: true });
  run.clock.sleep(run.timeoutMs, timerController.signal).then(
    () => {
      timeoutError = createTimeoutError(run);
      attemptController.abort(timeoutError);
    },
    () => {},
  );

  try {
    const context = {
      attempt: run.attempt,
      abortSignal: attemptController.signal,
    };
    // Inside a promise so that an attempt that throws before its first
    // await is handled like one that rejects.
    const pending = new Promise<Result>((resolve) =>
      resolve(run.work(context)),
    );
    return await raceWithAbort(pending, attemptController.signal);
  } catch (error) {
    if (callerSignal?.aborted) {
      throw createAbortedError(run.provider, run.modelId, callerSignal.reason);
    }
    throw timeoutError !== null &&
      attemptController.signal.reason === timeoutError
      ? timeoutError
      : error;
  } finally {
    // A plain reason: the default one is a DOMException, built per attempt.
    timerController.abort(ATTEMPT_SETTLED);
    callerSignal?.removeEventListener("abort", onCallerAbort);
  }
}

function createTimeoutError(run: AttemptRun<unknown>): ProviderCallError {
  return new ProviderCallError(
    `${run.provider}: attempt ${run.attempt} timed out after ` +
      `${run.timeoutMs} ms`,
    {
      provider: run.provider,
      modelId: run.modelId,
      errorClass: "timeout",
      isRetryable: true,
    },
  );
}
