import { ProviderCallError } from "../../errors/provider-call-error.js";
import type { Clock } from "./clock.js";
import { createAbortedError } from "./create-aborted-error.js";

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
export function runAttempt<Result>(run: AttemptRun<Result>): Promise<Result> {
  const { callerSignal } = run;
  if (callerSignal?.aborted) {
    return Promise.reject(
      createAbortedError(run.provider, run.modelId, callerSignal.reason),
    );
  }
  const controller = new AbortController();
  return new Promise<Result>((resolve, reject) => {
    // Whichever comes first settles the attempt: its own end, the
    // deadline or the caller's abort. What comes later is not heard.
    let isSettled = false;
    const settle = (finish: () => void) => {
      if (isSettled) return;
      isSettled = true;
      cancelDeadline();
      callerSignal?.removeEventListener("abort", onCallerAbort);
      finish();
    };
    const onCallerAbort = () => {
      const reason = callerSignal?.reason;
      settle(() =>
        reject(createAbortedError(run.provider, run.modelId, reason)),
      );
      controller.abort(reason);
    };
    // The error is built only when the deadline passes: an error's stack
    // is costly, and nearly every attempt ends in time.
    const cancelDeadline = run.clock.setTimer(run.timeoutMs, () => {
      const timeoutError = createTimeoutError(run);
      settle(() => reject(timeoutError));
      controller.abort(timeoutError);
    });
    callerSignal?.addEventListener("abort", onCallerAbort, { once: true });

    let pending: Promise<Result>;
    try {
      pending = run.work({
        attempt: run.attempt,
        abortSignal: controller.signal,
      });
    } catch (error) {
      // One that throws before its first await fails like one that rejects.
      pending = Promise.reject(error);
    }
    pending.then(
      (value) => settle(() => resolve(value)),
      (error) => settle(() => reject(error)),
    );
  });
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
