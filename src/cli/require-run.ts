import { FmopsError } from "../errors/fmops-error.js";
import type { RunRecord } from "../spec/records.js";
import type { ResultsStore } from "../store/results-store.js";

/** The run a reference names (id, prefix or `latest`), or a usage error. */
export function requireRun(store: ResultsStore, reference: string): RunRecord {
  const run = store.findRun(reference);
  if (run !== null) return run;
  throw new FmopsError(
    "RUN_NOT_FOUND",
    `no run matches "${reference}" (see \`fmops runs\`)`,
  );
}
