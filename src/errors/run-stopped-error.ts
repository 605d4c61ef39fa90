/**
 * An index build left unfinished because the user stopped the run (the
 * first Ctrl-C). No case has run yet; resuming the run builds the index.
 */
export class RunStoppedError extends Error {
  override readonly name = "RunStoppedError";
}
