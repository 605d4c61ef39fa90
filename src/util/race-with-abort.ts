/**
 * Settles as `promise` does, unless `signal` aborts first: then it rejects
 * at once with the signal's reason and leaves `promise` to finish unheard.
 * This is how a caller's abort stops waiting even on work that ignores it.
 */
export function raceWithAbort<Value>(
  promise: Promise<Value>,
  signal?: AbortSignal,
): Promise<Value> {
  if (signal === undefined) return promise;
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      promise.catch(() => {});
      reject(signal.reason);
      return;
    }
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise
      .finally(() => signal.removeEventListener("abort", onAbort))
      .then(resolve, reject);
  });
}
